/**
 * Which addresses Kenner talks to with a token: the company-graph service,
 * its OAuth endpoints, Microsoft Graph and its sign-in. One rule for every
 * place a URL is accepted (the administrator's policy, the options page's
 * sources configuration, a stored configuration, the OAuth metadata a
 * service publishes): https, or cleartext http only to this machine
 * (loopback never leaves it; the end-to-end tests use local http servers).
 * No zod here: the options page checks with it before sending.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isSecureServiceUrl(u: string | undefined): boolean {
  if (!u) return false;
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

/** What the refusal says (a zod message; the options page words it through i18n). */
export const SECURE_URL_MESSAGE = 'must be an https:// URL (http only to this machine)';
