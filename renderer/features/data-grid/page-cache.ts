import type { CellValue } from '../../../shared/api/types';
import type { GridSource, GridView } from './grid-source';

export const PAGE_SIZE = 100;
/** Pages kept per view; the ones read longest ago are dropped first. */
const MAX_PAGES = 80;

type Row = readonly CellValue[];

/**
 * The pages of one view of a source that the grid has asked for. `ensure` fetches the pages of a
 * row range that are neither kept nor on their way; listeners hear when one arrives or fails.
 */
export class PageCache {
  private readonly pages = new Map<number, readonly Row[]>();
  private readonly pending = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private closed = false;
  total: number | undefined;
  error: unknown = undefined;

  constructor(
    readonly source: GridSource,
    readonly view: GridView,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops notifying: the grid moved on to another view or source. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  row(index: number): Row | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  isPending(index: number): boolean {
    return this.pending.has(Math.floor(index / this.pageSize));
  }

  /** Fetches the missing pages holding rows `first`…`last` (the first page when the total is unknown). */
  ensure(first: number, last: number): void {
    const from = Math.floor(Math.max(0, first) / this.pageSize);
    const to = this.total === undefined ? from : Math.floor(Math.max(first, Math.min(last, this.total - 1)) / this.pageSize);
    for (let page = from; page <= to; page++) {
      const kept = this.pages.get(page);
      if (kept !== undefined) {
        // read again: move to the end of the eviction order
        this.pages.delete(page);
        this.pages.set(page, kept);
        continue;
      }
      if (this.pending.has(page)) continue;
      this.fetch(page);
    }
  }

  private fetch(page: number): void {
    this.pending.add(page);
    this.source.readRows(this.view, page * this.pageSize, this.pageSize).then(
      (result) => {
        this.pending.delete(page);
        if (this.closed) return;
        this.total = result.total;
        this.error = undefined;
        this.pages.set(page, result.rows);
        while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
        this.notify();
      },
      (error: unknown) => {
        this.pending.delete(page);
        if (this.closed) return;
        this.error = error;
        this.notify();
      },
    );
  }

  /** Rows `first`…`last` (inclusive), from the kept pages where possible, else read from the source in large pages. */
  async rows(first: number, last: number): Promise<Row[]> {
    const out: Row[] = [];
    let index = first;
    while (index <= last) {
      const kept = this.row(index);
      if (kept !== undefined) {
        out.push(kept);
        index++;
        continue;
      }
      const limit = Math.min(2000, last - index + 1);
      const page = await this.source.readRows(this.view, index, limit);
      if (page.rows.length === 0) break;
      out.push(...page.rows);
      index += page.rows.length;
    }
    return out;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
