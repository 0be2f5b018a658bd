import { describe, expect, it } from 'vitest';
import { documentSwitcher, documentToShow } from '../../../../renderer/state/open-document';

describe('switching the open document of a workspace', () => {
  const list = [{ id: 3 }, { id: 5 }];

  it('keeps the open document while it is still listed, else shows the first, else none', () => {
    expect(documentToShow(list, { id: 5 })).toBe(list[1]);
    expect(documentToShow(list, { id: 9 })).toBe(list[0]);
    expect(documentToShow(list, null)).toBe(list[0]);
    expect(documentToShow([], { id: 5 })).toBeUndefined();
  });

  it('writes the waiting edits before reading the next document, and reports a failure instead of showing', async () => {
    const steps: string[] = [];
    const failures: unknown[] = [];
    const switchTo = documentSwitcher<number>({
      flush: () => {
        steps.push('flush');
        return Promise.resolve();
      },
      show: (n) => {
        steps.push(`show ${n}`);
        return Promise.resolve();
      },
      fail: (error) => failures.push(error),
    });
    await switchTo(() => {
      steps.push('read');
      return Promise.resolve(7);
    });
    expect(steps).toEqual(['flush', 'read', 'show 7']);
    const broken = new Error('gone');
    await switchTo(() => Promise.reject(broken));
    expect(steps).toEqual(['flush', 'read', 'show 7', 'flush']);
    expect(failures).toEqual([broken]);
  });
});
