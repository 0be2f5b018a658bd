import fs from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium (or ROOTWISE_CHROMIUM), with the flags this machine needs. */
export function chromiumPath(): string {
  const candidates = [process.env['ROOTWISE_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => c !== undefined && c !== '' && fs.existsSync(c)) ?? '/usr/bin/chromium';
}

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--font-render-hinting=none',
    ],
    // Playwright gives every launch a fresh, empty user-data-dir of its own (it refuses the flag)
  };
}
