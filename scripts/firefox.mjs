// Finds Firefox for the Firefox end-to-end tests (tests/firefox), as scripts/chromium.mjs finds Chromium:
// FIREFOX_PATH if set, else Debian's firefox-esr or a system firefox; where none is found and the
// user is root on Debian, `apt-get install -y firefox-esr`; otherwise a message that says what to run.
// The tests need Firefox ≥ 138 (WebDriver BiDi webExtension.install); Debian's ESR is 153.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/Applications/Firefox.app/Contents/MacOS/firefox'];

function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const isDebianRoot = () => process.getuid?.() === 0 && existsSync('/etc/debian_version') && !!which('apt-get');

export async function findFirefox({ install = true, quiet = false } = {}) {
  const log = (m) => quiet || console.error(m);
  if (process.env.FIREFOX_PATH) {
    if (existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
    throw new Error(`FIREFOX_PATH is set to ${process.env.FIREFOX_PATH}, which does not exist.`);
  }
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  for (const n of ['firefox-esr', 'firefox']) {
    const p = which(n);
    if (p) return p;
  }
  if (install && isDebianRoot()) {
    log('Kenner: no Firefox found; installing Debian’s firefox-esr (apt-get install -y firefox-esr)…');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null'], { stdio: 'inherit' });
    if (existsSync('/usr/bin/firefox-esr')) return '/usr/bin/firefox-esr';
  }
  throw new Error('Kenner’s Firefox tests need Firefox 138 or later and found none. Run: sudo apt-get install -y firefox-esr (or set FIREFOX_PATH=/path/to/firefox)');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  findFirefox()
    .then((p) => console.log(p))
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
