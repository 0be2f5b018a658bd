import { Worker } from 'node:worker_threads';
import type { QueryResult } from '../../../shared/api/types';
import { ApiCallError, RootwiseError } from '../../../shared/errors/rootwise-error';
import type { QuerySpec } from '../../../shared/spec/query-spec';
import type {
  AnalysisAnswer,
  AnalysisRequestMessage,
  AnalysisResponseMessage,
  AnalysisWork,
  DroppedRowsAnswer,
  DroppedRowsRequestMessage,
  DroppedRowsResponseMessage,
  DroppedRowsWork,
  QueryRequestMessage,
  QueryResponseMessage,
  QueryWorkerData,
} from './query-messages';

export interface QueryOptions {
  /** Queries on one channel (a chart being dragged) replace each other: a newer one cancels an older one still running. */
  readonly channel?: string | undefined;
}

/**
 * Answers query specs. Callers see only this interface, so a faster engine (a columnar one beside
 * SQLite) can be added without touching them.
 */
export interface QueryExecutor {
  execute(spec: QuerySpec, version: number, options?: QueryOptions): Promise<QueryResult>;
  /** Lists or exports the rows a recipe step drops, in turn with the queries. */
  droppedRows<W extends DroppedRowsWork>(work: W): Promise<DroppedRowsAnswer<W>>;
  /** A root-cause board's analysis (explain a change, freeze a segment's numbers, follow an action up), in turn with the queries. */
  analyse<W extends AnalysisWork>(work: W, version: number): Promise<AnalysisAnswer<W>>;
  close(): void;
}

interface Pending {
  readonly id: number;
  readonly message: QueryRequestMessage | DroppedRowsRequestMessage | AnalysisRequestMessage;
  readonly channel: string | undefined;
  /** Where a query's answer is cached (dropped rows are not: the thread keeps them). */
  readonly key: string | undefined;
  readonly resolve: (result: never) => void;
  readonly reject: (error: Error) => void;
}

/** Results kept for repeated questions: at most this many, and this many bytes of Arrow. */
const CACHE_ENTRIES = 200;
const CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Runs queries on a thread of their own, one at a time, against a read-only connection; keeps the
 * answers by spec and workbench version (a repeated question answers from memory, and any write
 * to the workbench changes the version); and cancels a superseded query by stopping its thread,
 * since SQLite cannot be interrupted from another thread through better-sqlite3.
 */
export class WorkerQueryExecutor implements QueryExecutor {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Sent to the thread, in order: the first is the one running. */
  private readonly inFlight: Pending[] = [];
  private readonly cache = new Map<string, QueryResult>();
  private cacheBytes = 0;

  constructor(
    private readonly workerScript: string,
    private readonly data: QueryWorkerData,
    private readonly caching = true,
  ) {}

  execute(spec: QuerySpec, version: number, options: QueryOptions = {}): Promise<QueryResult> {
    const key = `${version}\u0000${JSON.stringify(spec)}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      // most recently used last
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve({ ...cached, cached: true, elapsedMs: 0 });
    }
    if (options.channel !== undefined) this.supersede(options.channel);
    return new Promise<QueryResult>((resolve, reject) => {
      const id = this.nextId++;
      this.send({ id, message: { id, spec, version }, channel: options.channel, key, resolve, reject });
    });
  }

  droppedRows<W extends DroppedRowsWork>(work: W): Promise<DroppedRowsAnswer<W>> {
    return new Promise<DroppedRowsAnswer<W>>((resolve, reject) => {
      const id = this.nextId++;
      this.send({ id, message: { id, dropped: work }, channel: undefined, key: undefined, resolve, reject });
    });
  }

  analyse<W extends AnalysisWork>(work: W, version: number): Promise<AnalysisAnswer<W>> {
    return new Promise<AnalysisAnswer<W>>((resolve, reject) => {
      const id = this.nextId++;
      this.send({ id, message: { id, analysis: work, version }, channel: undefined, key: undefined, resolve, reject });
    });
  }

  private send(pending: Pending): void {
    this.inFlight.push(pending);
    const worker = this.thread();
    worker.ref();
    worker.postMessage(pending.message);
  }

  /** Rejects the channel's older queries; when one of them is running, its thread is stopped and
   * the others are sent again to a fresh one. */
  private supersede(channel: string): void {
    const stale = this.inFlight.filter((p) => p.channel === channel);
    if (stale.length === 0) return;
    const running = this.inFlight[0];
    for (const p of stale) {
      this.inFlight.splice(this.inFlight.indexOf(p), 1);
      p.reject(new RootwiseError('error.query.superseded'));
    }
    if (running !== undefined && stale.includes(running)) {
      void this.worker?.terminate();
      this.worker = undefined;
      for (const p of this.inFlight) {
        const worker = this.thread();
        worker.ref();
        worker.postMessage(p.message);
      }
    }
    // a query still queued in a live thread is answered and dropped (see onMessage)
  }

  private thread(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.workerScript, { workerData: this.data });
    worker.on('message', (message: QueryResponseMessage | DroppedRowsResponseMessage | AnalysisResponseMessage) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(worker, error));
    worker.on('exit', (code) => this.failAll(worker, new RootwiseError('error.internal', { detail: `query thread exited with code ${code}` })));
    this.worker = worker;
    return worker;
  }

  private onMessage(message: QueryResponseMessage | DroppedRowsResponseMessage | AnalysisResponseMessage): void {
    const index = this.inFlight.findIndex((p) => p.id === message.id);
    // a superseded query's answer comes back to nobody
    if (index < 0) return;
    const [pending] = this.inFlight.splice(index, 1);
    // an idle query thread must not keep the process alive
    if (this.inFlight.length === 0) this.worker?.unref();
    if (!message.ok) {
      pending!.reject(new ApiCallError(message.error));
      return;
    }
    if ('dropped' in message) {
      (pending!.resolve as (answer: DroppedRowsAnswer<DroppedRowsWork>) => void)(message.dropped);
      return;
    }
    if ('analysis' in message) {
      (pending!.resolve as (answer: AnalysisAnswer<AnalysisWork>) => void)(message.analysis);
      return;
    }
    if (this.caching && pending!.key !== undefined) this.remember(pending!.key, message.result);
    (pending!.resolve as (result: QueryResult) => void)(message.result);
  }

  private failAll(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    for (const p of this.inFlight.splice(0)) p.reject(error);
  }

  private remember(key: string, result: QueryResult): void {
    this.cache.set(key, result);
    this.cacheBytes += result.arrow.byteLength;
    for (const [oldKey, old] of this.cache) {
      if (this.cache.size <= CACHE_ENTRIES && this.cacheBytes <= CACHE_BYTES) break;
      this.cache.delete(oldKey);
      this.cacheBytes -= old.arrow.byteLength;
    }
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const p of this.inFlight.splice(0)) p.reject(new RootwiseError('error.query.superseded'));
    this.cache.clear();
    this.cacheBytes = 0;
  }
}
