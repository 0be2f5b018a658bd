import {
  API_EVENTS,
  BRIDGE_GLOBAL,
  HTTP_CALL_PATH,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
  type ApiEvent,
  type ApiEvents,
  type ApiMethod,
  type ApiResponse,
  type RootwiseBridge,
  type Unsubscribe,
} from '../../shared/api/contract';
import { decodeWire, encodeWire } from '../../shared/api/wire';

/** One call and one event stream: all the renderer needs from either transport. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  call(method: ApiMethod, request: unknown): Promise<ApiResponse<unknown>>;
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe;
}

function ipcTransport(bridge: RootwiseBridge): Transport {
  return {
    kind: 'ipc',
    call: (method, request) => (bridge[method] as (req: unknown) => Promise<ApiResponse<unknown>>)(request),
    on: (event, listener) => bridge.on(event, listener),
  };
}

const TOKEN_KEY = 'rootwise.token';

/** The loopback host hands out `?token=…` once; keep it for reloads and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(): Transport {
  const token = takeToken();
  type Listener = (payload: unknown) => void;
  const listeners = new Map<ApiEvent, Set<Listener>>();
  let source: EventSource | undefined;

  const connect = (): void => {
    if (source !== undefined) return;
    source = new EventSource(`${HTTP_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    for (const event of API_EVENTS) {
      source.addEventListener(event, (message: MessageEvent<string>) => {
        const payload = decodeWire(message.data);
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  };

  return {
    kind: 'http',
    async call(method, request) {
      const response = await fetch(`${HTTP_CALL_PATH}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
        body: encodeWire(request),
      });
      return decodeWire(await response.text()) as ApiResponse<unknown>;
    },
    on(event, listener) {
      connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}

export function detectTransport(): Transport {
  const bridge = (window as unknown as Record<string, RootwiseBridge | undefined>)[BRIDGE_GLOBAL];
  return bridge === undefined ? httpTransport() : ipcTransport(bridge);
}
