#!/usr/bin/env node
/**
 * The demo server: serves the demo CRM and mail pages of tests/pages/ at URLs
 * shaped like the real sites' (so URL-based record ids work on localhost),
 * an index at `/`, and the page list with expectations at `/__pages.json`.
 * Plain Node `http`/`https`, no dependencies.
 *
 *   node scripts/demo-server.mjs [--port N] [--host H] [--https]
 *
 *   import { startDemoServer } from './scripts/demo-server.mjs';
 *   const { url, port, close } = await startDemoServer({ port: 0 });
 *
 * HTTPS mode makes a throw-away self-signed certificate with `openssl` (or
 * uses `key`/`cert` when given), so a test can serve a page on its real host
 * name through Chromium's `--host-resolver-rules` (with
 * `--ignore-certificate-errors`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PAGES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'pages');

/** The Gmail thread the demo inbox links to (real Gmail uses #inbox/<id>). */
export const GMAIL_THREAD_ID = 'FMfcgzQXJWDsKmzbVhcwqNqxHmRkGfTr';

/**
 * Routes: real-site URL shape → page file (relative to tests/pages).
 * `test` gets the parsed URL.
 */
const ROUTES = [
  { file: 'salesforce/account.html', test: (u) => /^\/lightning\/r\/Account\/[A-Za-z0-9]{15,18}\/view\/?$/.test(u.pathname) },
  { file: 'salesforce/opportunity.html', test: (u) => /^\/lightning\/r\/Opportunity\/[A-Za-z0-9]{15,18}\/view\/?$/.test(u.pathname) },
  { file: 'hubspot/company.html', test: (u) => /^\/contacts\/\d+\/record\/0-2\/\d+\/?$/.test(u.pathname) },
  {
    file: 'dynamics/account.html',
    test: (u) => u.pathname === '/main.aspx' && u.searchParams.get('pagetype') === 'entityrecord' && u.searchParams.get('etn') === 'account',
  },
  { file: 'zendesk/ticket.html', test: (u) => /^\/agent\/tickets\/\d+\/?$/.test(u.pathname) },
  { file: 'freshdesk/ticket.html', test: (u) => /^\/a\/tickets\/\d+\/?$/.test(u.pathname) },
  { file: 'gmail/inbox.html', test: (u) => u.pathname === '/mail/u/0/' || u.pathname === '/mail/u/0' },
  { file: 'outlook/reading-pane.html', test: (u) => /^\/mail\/(inbox\/)?(id\/[A-Za-z0-9%=_-]+\/?)?$/.test(u.pathname) },
  { file: 'generic/not-enabled.html', test: (u) => u.pathname === '/generic/not-enabled' || u.pathname === '/generic/not-enabled/' },
];

const TYPES = { '.html': 'text/html; charset=utf-8', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Every demo page with its expectation: [{ name, file, url, expected, expectation }]. The German and
 * Dutch copies (<page>.de.html, tests/pages/i18n) only with `{ localised: true }`.
 */
export function listDemoPages({ localised = false } = {}) {
  const out = [];
  for (const site of readdirSync(PAGES_DIR, { withFileTypes: true })) {
    if (!site.isDirectory()) continue;
    for (const f of readdirSync(join(PAGES_DIR, site.name))) {
      if (!f.endsWith('.expected.json')) continue;
      if (!localised && /\.[a-z]{2}\.expected\.json$/.test(f)) continue;
      const page = f.slice(0, -'.expected.json'.length);
      const expectation = JSON.parse(readFileSync(join(PAGES_DIR, site.name, f), 'utf8'));
      out.push({
        name: `${site.name}/${page}`,
        title: expectation.name,
        file: `/__pages/${site.name}/${page}.html`,
        url: expectation.url,
        expected: `/__pages/${site.name}/${f}`,
        expectation,
      });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function indexHtml(pages) {
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const items = pages
    .map((p) => `<li><a href="${esc(p.url)}">${esc(p.title ?? p.name)}</a> <small>(<code>${esc(p.name)}</code>, <a href="${esc(p.expected)}">expected</a>)</small></li>`)
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Kenner demo pages</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px;line-height:1.6}code{font-size:12px}</style></head>
<body><h1>Kenner demo pages</h1><p>Local copies of CRM and mail pages that mention the demo graph's story customers, contacts and topics.</p>
<ul>
${items}
</ul><p><a href="/__pages.json">/__pages.json</a></p></body></html>`;
}

function send(res, status, body, type = 'text/plain; charset=utf-8', extra = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

function handler(req, res) {
  let u;
  try {
    u = new URL(req.url ?? '/', 'http://demo.invalid');
  } catch {
    return send(res, 400, 'bad request');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  if (u.pathname === '/') return send(res, 200, indexHtml(listDemoPages({ localised: true })), TYPES['.html']);
  if (u.pathname === '/__pages.json') {
    const list = listDemoPages({ localised: true }).map(({ expectation: _e, ...p }) => p);
    return send(res, 200, JSON.stringify(list, null, 2), TYPES['.json']);
  }
  if (u.pathname === '/favicon.ico') return send(res, 204, '');
  if (u.pathname === '/mail/u/0/thread') return send(res, 302, '', undefined, { location: `/mail/u/0/#inbox/${GMAIL_THREAD_ID}` });
  if (u.pathname.startsWith('/__pages/')) {
    const rel = decodeURIComponent(u.pathname.slice('/__pages/'.length));
    const abs = resolve(PAGES_DIR, rel);
    const ext = abs.slice(abs.lastIndexOf('.'));
    if (!abs.startsWith(PAGES_DIR + sep) || !TYPES[ext] || !existsSync(abs)) return send(res, 404, 'not found');
    return send(res, 200, readFileSync(abs), TYPES[ext]);
  }
  const route = ROUTES.find((r) => r.test(u));
  if (!route) return send(res, 404, `No demo page at ${u.pathname}. See / for the list.`);
  // ?lang=de|nl: the same page in that UI language (tests/pages/i18n), where there is one.
  const lang = /^[a-z]{2}$/.test(u.searchParams.get('lang') ?? '') ? u.searchParams.get('lang') : null;
  const localised = lang && route.file.replace(/\.html$/, `.${lang}.html`);
  const file = localised && existsSync(join(PAGES_DIR, localised)) ? localised : route.file;
  return send(res, 200, readFileSync(join(PAGES_DIR, file)), TYPES['.html']);
}

function selfSignedCert() {
  const dir = mkdtempSync(join(tmpdir(), 'kenner-demo-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const names = [
    'localhost', '*.lightning.force.com', '*.my.salesforce.com', 'app.hubspot.com', 'app-eu1.hubspot.com',
    '*.crm4.dynamics.com', '*.dynamics.com', '*.zendesk.com', '*.freshdesk.com', 'mail.google.com',
    'outlook.office.com', 'outlook.office365.com', 'outlook.live.com', '*.harbour-chronicle.example',
  ];
  const san = ['IP:127.0.0.1', ...names.map((n) => `DNS:${n}`)].join(',');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=Kenner demo', '-addext', `subjectAltName=${san}`,
    ], { stdio: 'pipe' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch (e) {
    throw new Error(`HTTPS mode needs openssl to make a self-signed certificate (${e.message}); install it or pass key and cert.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Start the demo server.
 * @param {{ port?: number, host?: string, https?: boolean, key?: string|Buffer, cert?: string|Buffer }} [opts]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1', https: useHttps = false, key, cert } = {}) {
  const server = useHttps
    ? https.createServer(key && cert ? { key, cert } : selfSignedCert(), handler)
    : http.createServer(handler);
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(undefined));
  });
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${useHttps ? 'https' : 'http'}://${shownHost}:${actual}`,
    port: actual,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok(undefined));
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const arg = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const portArg = arg('--port');
  const port = portArg === undefined ? 8321 : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port needs a number between 0 and 65535, got "${portArg}"`);
    process.exit(2);
  }
  const { url } = await startDemoServer({ port, host: arg('--host') ?? '127.0.0.1', https: args.includes('--https') });
  console.log(`Kenner demo pages at ${url}/`);
  for (const p of listDemoPages()) console.log(`  ${p.name.padEnd(24)} ${url}${p.url}`);
}
