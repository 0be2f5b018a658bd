import {
  API_EVENTS,
  HTTP_CALL_PATH,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
  type ApiEvent,
  type ApiEvents,
  type ApiResponse,
  type RootwiseClient,
} from '../../shared/api/contract';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { createDispatcher } from '../../electron/engine/api-dispatcher';
import type { Engine } from '../../electron/engine/engine';
import { startHost } from '../../electron/host/host-server';
import { createClient } from '../../renderer/api/client';
import type { Transport } from '../../renderer/api/transport';

export interface ConnectedClient {
  readonly client: RootwiseClient;
  close(): Promise<void>;
}

/** The engine called in-process through the same dispatcher the IPC handler uses. */
export function inProcessClient(engine: Engine): ConnectedClient {
  const dispatch = createDispatcher(engine);
  const transport: Transport = {
    kind: 'ipc',
    // structured clone, as Electron IPC does: what cannot cross IPC fails here too
    call: async (method, request) => structuredClone(await dispatch(method, structuredClone(request))),
    on: (event, listener) => engine.events.on(event, (payload) => listener(structuredClone(payload))),
  };
  return { client: createClient(transport), close: () => Promise.resolve() };
}

/** The engine behind the real loopback host, reached with fetch and a Server-Sent Events reader. */
export async function httpClient(engine: Engine, rendererDir: string): Promise<ConnectedClient> {
  const host = await startHost({ dispatch: createDispatcher(engine), events: engine.events, rendererDir });
  const base = `http://127.0.0.1:${host.port}`;
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
  const abort = new AbortController();
  const stream = await fetch(`${base}${HTTP_EVENTS_PATH}?token=${host.token}`, { signal: abort.signal });
  const reader = stream.body!.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (event === undefined || data === undefined || !(API_EVENTS as readonly string[]).includes(event)) continue;
          for (const listener of listeners.get(event as ApiEvent) ?? []) listener(decodeWire(data));
        }
      }
    } catch {
      // aborted on close
    }
  })();
  const transport: Transport = {
    kind: 'http',
    async call(method, request) {
      const response = await fetch(`${base}${HTTP_CALL_PATH}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token },
        body: encodeWire(request),
      });
      return decodeWire(await response.text()) as ApiResponse<unknown>;
    },
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
  return {
    client: createClient(transport),
    close: async () => {
      abort.abort();
      await host.close();
    },
  };
}
