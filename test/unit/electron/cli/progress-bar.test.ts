import { describe, expect, it } from 'vitest';
import { progressLine, terminalProgress } from '../../../../electron/cli/progress-bar';

describe('CLI progress bar', () => {
  it('shows phase, bar, percent, amounts and time left', () => {
    expect(progressLine({ jobId: 'j', kind: 'import', phase: 'parsing', done: 5_000_000, total: 20_000_000 }, 0, 2000)).toBe(
      'parsing  ███████░░░░░░░░░░░░░░░░░░░░░  25% · 6 s left',
    );
    expect(progressLine({ jobId: 'j', kind: 'import', phase: 'reading', done: 5_000_000, total: 20_000_000 }, 0, 2000)).toContain('25%  5.0 / 20.0 MB');
    expect(progressLine({ jobId: 'j', kind: 'demo', phase: 'writing', done: 20_000, total: 20_000 }, 0, 1000)).toContain('100%  20,000 / 20,000 rows');
    // a streaming import: bytes of the file, rows written so far, and the engine's estimate of the time left
    expect(progressLine({ jobId: 'j', kind: 'import', phase: 'writing', done: 50_000_000, total: 200_000_000, rows: 310_000, etaSeconds: 9 }, 0, 3000)).toBe(
      'writing  ███████░░░░░░░░░░░░░░░░░░░░░  25%  50.0 / 200.0 MB · 310,000 rows · 9 s left',
    );
  });

  it('draws only on a terminal, so piped output stays clean', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = terminalProgress(stream);
    bar.update({ jobId: 'j', kind: 'import', phase: 'parsing', done: 1, total: 2 });
    bar.done();
    expect(written).toEqual([]);
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const drawn = terminalProgress(tty);
    drawn.update({ jobId: 'j', kind: 'import', phase: 'parsing', done: 1, total: 2 });
    drawn.done();
    expect(written[0]).toMatch(/^\rparsing .* 50%/);
    expect(written.at(-1)).toBe('\r\x1b[K');
  });
});
