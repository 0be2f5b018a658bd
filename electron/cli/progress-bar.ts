import type { JobProgress } from '../../shared/api/types';

const WIDTH = 28;

/** One line of a terminal progress bar: phase, bar, percent and the amounts done (bytes or rows). */
export function progressLine(progress: JobProgress, startedMs: number, nowMs: number): string {
  const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const filled = Math.round(fraction * WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
  // an import counts bytes of the file and rows written; the demo counts rows; parsing counts characters
  const megabytes = `  ${(progress.done / 1e6).toFixed(1)} / ${(progress.total / 1e6).toFixed(1)} MB`;
  const amounts =
    progress.kind === 'export'
      ? `  ${progress.done} / ${progress.total} blocks`
      : progress.kind === 'import' && progress.rows !== undefined
      ? `${megabytes} · ${progress.rows.toLocaleString('en')} rows`
      : progress.phase === 'writing'
        ? `  ${progress.done.toLocaleString('en')} / ${progress.total.toLocaleString('en')} rows`
        : progress.phase === 'reading'
          ? megabytes
          : '';
  const elapsed = (nowMs - startedMs) / 1000;
  const left = progress.etaSeconds ?? (fraction > 0.05 && fraction < 1 ? Math.ceil((elapsed / fraction) * (1 - fraction)) : undefined);
  const eta = left !== undefined && fraction < 1 ? ` · ${left} s left` : '';
  return `${progress.phase.padEnd(8)} ${bar} ${String(Math.round(fraction * 100)).padStart(3)}%${amounts}${eta}`;
}

/** Draws progress on stderr when it is a terminal (never into piped output); returns a finisher. */
export function terminalProgress(stream: NodeJS.WriteStream): { update(progress: JobProgress): void; done(): void } {
  const started = Date.now();
  let drawn = false;
  return {
    update(progress) {
      if (!stream.isTTY || progress.phase === 'done' || progress.phase === 'cancelled' || progress.phase === 'failed') return;
      stream.write(`\r${progressLine(progress, started, Date.now())}\x1b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
