/** Messages of the options page's "Data sources" section: the remote company-graph service and Microsoft 365. */
import { t } from '../../i18n';
import { DictionaryPageSchema } from '../../contract/graph-api';
import type { ValidSourcesConfigure } from '../../messaging/sources';
import { readPolicy } from '../../settings/policy';
import { errorMessage, requestJson, scrubSecrets, SourceError } from '../../sources/http';
import { configureSources, ensureAlarm, sourcesOverview } from '../source-manager';
import type { Handlers } from '../router';
import type { HandlerDeps } from './deps';

export function sourcesHandlers({ sources: m, sourcesChanged: changed }: HandlerDeps): Pick<Handlers, 'getSourcesOverview' | 'configureSources' | 'testSource' | 'syncSource' | 'signInSource' | 'signOutSource'> {
  const sourceOf = (source: 'remote' | 'microsoft365') => (source === 'remote' ? m.remoteSource() : m.microsoft365());
  return {
    getSourcesOverview: () => sourcesOverview(m),

    async configureSources(data) {
      // A new service with a token is tried first: the source switches only when it answers and accepts the token.
      if (data.remote && data.remote.auth !== 'oauth') await tryService(data.remote, (await readPolicy()).policy.graphServiceToken);
      await configureSources(data, m);
      await ensureAlarm(m);
      changed();
      const remote = await m.remoteSource();
      if (remote && data.remote && (await remote.signedIn())) void remote.sync().then(changed);
      return sourcesOverview(m);
    },

    async testSource({ source }) {
      if (source === 'remote') {
        const r = await m.remoteSource();
        if (!r) return { ok: false, message: t('bg_source_not_configured') };
        return r.testConnection();
      }
      const s = await m.microsoft365();
      if (!s) return { ok: false, message: t('bg_m365_not_configured') };
      try {
        await s.searchDirectory('a', 1);
        return { ok: true };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
    },

    async syncSource({ source, full }) {
      const error = t(source === 'remote' ? 'bg_source_not_configured' : 'bg_m365_not_configured');
      if (source === 'remote') {
        const s = await m.remoteSource();
        if (!s) return { ok: false, pages: 0, records: 0, deleted: 0, error };
        const r = await s.sync({ full });
        changed();
        return r;
      }
      const s = await m.microsoft365();
      if (!s) return { ok: false, pages: 0, records: 0, deleted: 0, error };
      const r = await s.sync();
      changed();
      return r;
    },

    async signInSource({ source }) {
      const s = await sourceOf(source);
      if (!s) throw new Error(t(source === 'remote' ? 'bg_source_not_configured' : 'bg_m365_not_configured'));
      await s.signIn();
      void s.sync().then(changed);
      return sourcesOverview(m);
    },

    async signOutSource({ source }) {
      await (await sourceOf(source))?.signOut();
      changed();
      return sourcesOverview(m);
    },
  };
}

/**
 * One request to a candidate service with its token (nothing stored): throws
 * what failed, in words: the token refused (401/403), the address not
 * answering, or an answer that is not the contract's.
 */
export async function tryService(remote: NonNullable<ValidSourcesConfigure['remote']>, policyToken: string | undefined): Promise<void> {
  const token = remote.auth === 'policy-token' ? policyToken : remote.token;
  if (!token) return; // no token given: the stored one stays, tested by "Test"
  const u = new URL(remote.url);
  const base = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  try {
    await requestJson({
      url: `${base}/v1/dictionary?limit=1`,
      headers: { Authorization: `Bearer ${token}` },
      timeoutMs: 8000,
      deadlineMs: 12_000,
      retry: { retries: 0 },
      schema: DictionaryPageSchema,
    });
  } catch (e) {
    if (e instanceof SourceError && (e.status === 401 || e.status === 403)) throw new Error(t('src_refused', String(e.status)));
    if (e instanceof SourceError && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'aborted')) throw new Error(t('src_unreachable', u.origin));
    throw new Error(t('src_answered_error', [u.origin, scrubSecrets(errorMessage(e), [token])]));
  }
}
