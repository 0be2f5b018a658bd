// The `test` every window spec uses: Playwright's, failing any test in which the window's
// Content-Security-Policy refused something. Such a refusal can pass unseen: plotly's WebGL layer,
// refused the code it makes at run time, drew a fallback message instead of the points, and the
// traces the tests read were all there.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ securityPolicy: undefined }>({
  securityPolicy: [
    async ({ page }, use) => {
      const refused: string[] = [];
      await page.exposeBinding('__rootwiseRefused', (_source, what: string) => {
        refused.push(what);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          void (window as unknown as { __rootwiseRefused: (what: string) => Promise<void> }).__rootwiseRefused(`${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
        });
      });
      await use(undefined);
      expect(refused, 'what the window’s security policy refused').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
