import type { JobProgress } from '../../shared/api/types';

const WIDTH = 28;

/** One line of a terminal progress bar: phase, bar, percent and the amounts done (bytes or rows). */
export function progressLine(progress: JobProgress, startedMs: number, nowMs: number): string {
  const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const filled = Math.round(fraction * WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
  // parsing counts characters, not bytes: only reading (bytes) and writing (rows) show amounts
  const amounts =
    progress.phase === 'writing'
      ? `  ${progress.done.toLocaleString('en')} / ${progress.total.toLocaleString('en')} rows`
      : progress.phase === 'reading'
        ? `  ${(progress.done / 1e6).toFixed(1)} / ${(progress.total / 1e6).toFixed(1)} MB`
        : '';
  const elapsed = (nowMs - startedMs) / 1000;
  const eta = fraction > 0.05 && fraction < 1 ? ` · ${Math.ceil((elapsed / fraction) * (1 - fraction))} s left` : '';
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
