// Finds the programs the tests drive: Chromium (e2e, PDF and HTML exports), poppler's pdftotext and
// pdfinfo (PDF checks) and LibreOffice (reopens exported decks). Installs Debian's where it can.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const chromiumCandidates = [process.env.ROOTWISE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const hasChromium = chromiumCandidates.some((c) => c && fs.existsSync(c));
const onPath = (program) => {
  try {
    execSync(`command -v ${program}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};
const packages = [
  ...(hasChromium ? [] : ['chromium', 'fonts-noto-cjk']),
  ...(onPath('pdftotext') && onPath('pdfinfo') ? [] : ['poppler-utils']),
  ...(onPath('soffice') ? [] : ['libreoffice-impress']),
];
if (packages.length === 0) process.exit(0);

const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (canInstall) {
  console.log(`Installing Debian's ${packages.join(', ')} for the tests…`);
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { stdio: 'inherit' });
    process.exit(0);
  } catch {
    // fall through to the one-line advice
  }
}
console.error(`The tests need ${packages.join(', ')}: run \`sudo apt-get install -y --no-install-recommends ${packages.join(' ')}\` (or set ROOTWISE_CHROMIUM to a Chromium/Chrome binary).`);
process.exit(1);
