// Finds a Chromium for the e2e tests; installs Debian's when missing and possible.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const candidates = [process.env.ROOTWISE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
if (candidates.some((c) => c && fs.existsSync(c))) process.exit(0);

const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (canInstall) {
  console.log('Chromium not found: installing Debian\'s chromium for the e2e tests…');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit' });
    if (fs.existsSync('/usr/bin/chromium')) process.exit(0);
  } catch {
    // fall through to the one-line advice
  }
}
console.error('No Chromium found for the e2e tests: run `sudo apt-get install -y chromium` (or set ROOTWISE_CHROMIUM to a Chromium/Chrome binary).');
process.exit(1);
