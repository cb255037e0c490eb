/**
 * Validation of a site the company adds by URL pattern. The result is a
 * browser match pattern (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns)
 * for one company host: no "<all_urls>", no bare "*" host, http(s) only.
 * A plain host or URL is completed: "crm.example.com" → "https://crm.example.com/*".
 */
export type PatternProblem = 'empty' | 'scheme' | 'host' | 'path' | 'too_broad';
export type PatternResult = { ok: true; pattern: string } | { ok: false; problem: PatternProblem };

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function validHost(host: string): boolean {
  let h = host;
  const port = /:(\d{1,5})$/.exec(h);
  if (port) {
    if (Number(port[1]) > 65535) return false;
    h = h.slice(0, -port[0].length);
  }
  if (h.startsWith('*.')) h = h.slice(2);
  if (!h || h.length > 253) return false;
  if (h === 'localhost') return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h)) return h.split('.').every((n) => Number(n) <= 255);
  const labels = h.split('.');
  // At least a registrable-looking name: "example.com", not "com".
  return labels.length >= 2 && labels.every((l) => HOST_LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

export function toMatchPattern(raw: string): PatternResult {
  let s = raw.trim();
  if (!s) return { ok: false, problem: 'empty' };
  if (s === '<all_urls>') return { ok: false, problem: 'too_broad' };
  if (!/^[a-z*]+:\/\//i.test(s)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[^/]+:\d+/.test(s)) return { ok: false, problem: 'scheme' };
    s = `https://${s}`;
  }
  const m = /^([a-z*]+):\/\/([^/]*)(\/.*)?$/i.exec(s);
  if (!m) return { ok: false, problem: 'host' };
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase();
  let path = m[3] ?? '/*';
  if (scheme !== 'https' && scheme !== 'http' && scheme !== '*') return { ok: false, problem: 'scheme' };
  if (host === '*' || host === '') return { ok: false, problem: host === '*' ? 'too_broad' : 'host' };
  if (host.includes('*') && !host.startsWith('*.')) return { ok: false, problem: 'host' };
  if (host.slice(2).includes('*')) return { ok: false, problem: 'host' };
  if (!validHost(host)) return { ok: false, problem: 'host' };
  if (/\s/.test(path)) return { ok: false, problem: 'path' };
  if (path === '/') path = '/*';
  if (!path.endsWith('*') && !path.includes('*')) path = `${path.replace(/\/$/, '')}/*`;
  return { ok: true, pattern: `${scheme}://${host}${path}` };
}
