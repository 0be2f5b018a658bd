// Runs in the sandboxed preload: only `require('electron')` exists here, so this file and what it
// imports must stay free of Node modules (esbuild bundles it into one CJS file).
import { contextBridge, ipcRenderer } from 'electron';
import {
  API_EVENTS,
  API_METHODS,
  BRIDGE_GLOBAL,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  type ApiEvent,
  type RootwiseBridge,
  type Unsubscribe,
} from '../../shared/api/contract';

type Listener = (payload: unknown) => void;

const listeners = new Map<ApiEvent, Set<Listener>>(API_EVENTS.map((event) => [event, new Set<Listener>()]));

// One IPC listener fans out to the page's subscribers; the IpcRendererEvent never leaves this file.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  const subscribers = typeof name === 'string' ? listeners.get(name as ApiEvent) : undefined;
  for (const listener of subscribers ?? []) {
    try {
      listener(payload);
    } catch (error) {
      // one failing subscriber must not starve the others; rethrown so it still reaches the console
      queueMicrotask(() => {
        throw error;
      });
    }
  }
});

// The page is not trusted to respect the types, so both arguments are checked.
function on(event: unknown, listener: unknown): Unsubscribe {
  const subscribers = typeof event === 'string' ? listeners.get(event as ApiEvent) : undefined;
  if (subscribers === undefined) throw new TypeError(`Unknown Rootwise event: ${String(event)}`);
  if (typeof listener !== 'function') throw new TypeError('A Rootwise event listener must be a function');
  const subscriber = listener as Listener;
  subscribers.add(subscriber);
  return () => {
    subscribers.delete(subscriber);
  };
}

const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (request: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, request)]),
);

// API_METHODS names every method (the contract makes the compiler check that), so this is the
// whole bridge; contextBridge copies it into the page.
const bridge = { ...methods, on } as unknown as RootwiseBridge;
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
