// Finds a Chromium for tests, demos and benchmarks, as ../shared/design/contract.md says:
// CHROMIUM_PATH if set, else a system Chromium or Chrome, else Playwright's own browser;
// where none is found and the user is root on Debian, `apt-get install -y chromium`;
// otherwise a message that says exactly what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function playwrightBrowser() {
  try {
    const { chromium } = await import('playwright-core');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function isDebianRoot() {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && !!which('apt-get');
}

export async function findChromium({ install = true, quiet = false } = {}) {
  const log = (m) => quiet || console.error(m);
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
  }
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  for (const n of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const p = which(n);
    if (p) return p;
  }
  const pw = await playwrightBrowser();
  if (pw) return pw;
  if (install && isDebianRoot()) {
    log('Kenner: no Chromium found; installing Debian’s chromium (apt-get install -y chromium)…');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'], { stdio: 'inherit' });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  const distro = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const hint = /debian|ubuntu/i.test(distro)
    ? 'sudo apt-get install -y chromium'
    : 'install Chromium or Google Chrome, or set CHROMIUM_PATH=/path/to/chrome';
  throw new Error(`Kenner needs Chromium for this command and found none. Run: ${hint}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  findChromium()
    .then((p) => console.log(p))
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
