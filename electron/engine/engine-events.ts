import type { ApiEvent, ApiEvents, Unsubscribe } from '../../shared/api/contract';

type Listener<E extends ApiEvent> = (payload: ApiEvents[E]) => void;

/** Typed fan-out of the API's events to every transport listening (IPC window, SSE clients). */
export class EngineEvents {
  private readonly listeners = new Map<ApiEvent, Set<Listener<ApiEvent>>>();

  on<E extends ApiEvent>(event: E, listener: Listener<E>): Unsubscribe {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as Listener<ApiEvent>);
    return () => set.delete(listener as Listener<ApiEvent>);
  }

  /** Listens to every event; used by transports that forward all of them. */
  onAny(listener: <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => void): Unsubscribe {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
    for (const listener of this.anyListeners) listener(event, payload);
  }

  private readonly anyListeners = new Set<<E extends ApiEvent>(event: E, payload: ApiEvents[E]) => void>();
}
