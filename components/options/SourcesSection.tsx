/**
 * "Data sources" on the options page: the company-graph service (address,
 * token or OAuth sign-in, test, sync, failures) and Microsoft 365 (tenant,
 * application id, sign-in, sync). The host permission for a service is
 * requested here, in the click handler (a user gesture). No props.
 *
 * Status messages use aria-live, not role="status": the options page's one
 * role="status" element belongs to the import (outside contract).
 */
import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { t, uiLanguage, type MessageKey } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging/protocol';
import type { SourceFailure, SourceStatus, SourcesOverview, SyncResult } from '@/utils/messaging/sources';
import { btn, btnPrimary, card, input, muted } from '@/components/options/ui';

type Note = { text: string; error?: boolean } | null;

/** What was typed, kept across a re-mount of the section (the options page redraws it while it reloads): a failed try never blanks a field. */
const drafts = new Map<string, string>();
function useDraft(key: string): [string, (v: string) => void] {
  const [value, setValue] = useState(() => drafts.get(key) ?? '');
  const set = useCallback((v: string) => {
    drafts.set(key, v);
    setValue(v);
  }, [key]);
  return [value, set];
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function when(iso?: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.origin : null;
  } catch {
    return null;
  }
}

/** Asks for host permission (must run inside the click handler). */
async function allow(origins: string[]): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: origins.map((o) => `${o}/*`) });
  } catch {
    return false;
  }
}

const KIND_KEYS: Record<SourceFailure['kind'], MessageKey> = {
  timeout: 'src_kind_timeout',
  network: 'src_kind_network',
  http: 'src_kind_http',
  invalid: 'src_kind_invalid',
  auth: 'src_kind_auth',
  throttled: 'src_kind_throttled',
  aborted: 'src_kind_aborted',
  redirect: 'src_kind_redirect',
  'too-large': 'src_kind_too_large',
  import: 'src_kind_import',
};

function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string, hintId?: string) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children(id, hintId)}
      {hint ? (
        <p id={hintId} className={`text-xs ${muted}`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Locked() {
  return <p className="text-xs text-amber-900 dark:text-amber-200">{t('src_locked')}</p>;
}

function Failures({ list }: { list: SourceFailure[] }) {
  if (!list.length) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">{t('src_failures_title')}</summary>
      <ul className="mt-1 space-y-1" data-testid="source-failures">
        {list.slice(0, 10).map((f, i) => (
          <li key={`${f.at}-${i}`} className={muted}>
            <time dateTime={f.at}>{when(f.at)}</time> — <code>{f.path}</code> {t(KIND_KEYS[f.kind])}
            {f.status ? ` (${f.status})` : ''}: {f.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

function syncLine(s: { syncing: boolean; sync: { completedAt?: string; inProgress?: { pages: number; records: number } } }): string {
  if (s.syncing && s.sync.inProgress) return t('src_syncing', [s.sync.inProgress.pages, s.sync.inProgress.records]);
  if (s.sync.completedAt) return t('src_last_sync', when(s.sync.completedAt));
  return t('src_never_synced');
}

/** What a configured source says about itself: signed in, permission, last sync, failures. */
function SourceStatusLines({ status, testId }: { status: SourceStatus & { permission: boolean; origin?: string }; testId?: string }) {
  return (
    <div className="space-y-1 text-sm" data-testid={testId}>
      <p>{status.signedIn ? t('src_signed_in') : t('src_signed_out')}</p>
      {!status.permission && status.origin ? <p className="text-amber-900 dark:text-amber-200">{t('src_permission_missing', status.origin)}</p> : null}
      <p className={muted}>{syncLine(status)}</p>
      <Failures list={status.failures} />
    </div>
  );
}

/** Sign out (when signed in) and disconnect (unless the administrator set the source up). */
function SignOutDisconnect(props: { source: 'remote' | 'microsoft365'; signedIn: boolean; locked: boolean; disabled: boolean; run: (what: string, fn: () => Promise<Note | void>) => Promise<void> }) {
  const { source, signedIn, locked, disabled, run } = props;
  return (
    <>
      {signedIn ? (
        <button type="button" className={btn} disabled={disabled} onClick={() => void run(`${source}-out`, async () => void (await sendMessage('signOutSource', { source })))}>
          {t('src_sign_out')}
        </button>
      ) : null}
      {!locked ? (
        <button type="button" className={btn} disabled={disabled} onClick={() => void run(`${source}-off`, async () => void (await sendMessage('configureSources', { [source]: null })))}>
          {t('src_disconnect')}
        </button>
      ) : null}
    </>
  );
}

function syncNote(r: SyncResult): Note {
  return r.ok ? { text: t('src_sync_done', [r.records, r.pages]) } : { text: t('src_sync_failed', r.error ?? ''), error: true };
}

export function SourcesSection() {
  const [overview, setOverview] = useState<SourcesOverview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<Note>(null);

  // Remote form.
  const [url, setUrl] = useDraft('url');
  const [auth, setAuth] = useState<'token' | 'oauth'>('token');
  const [token, setToken] = useDraft('token');
  const [clientId, setClientId] = useDraft('clientId');
  const [authorizeUrl, setAuthorizeUrl] = useDraft('authorizeUrl');
  const [tokenUrl, setTokenUrl] = useDraft('tokenUrl');
  // Microsoft 365 form.
  const [tenantId, setTenantId] = useDraft('tenantId');
  const [m365ClientId, setM365ClientId] = useDraft('m365ClientId');
  const [graphUrl, setGraphUrl] = useDraft('graphUrl');

  const load = useCallback(async () => {
    try {
      const o = await sendMessage('getSourcesOverview', undefined);
      setOverview(o);
      setLoadError(null);
      return o;
    } catch (e) {
      setLoadError(errText(e));
      return null;
    }
  }, []);

  useEffect(() => {
    void load().then((o) => {
      if (!o) return;
      const r = o.remote?.config;
      if (drafts.size) return; // the user's typing wins over what is stored
      setUrl(r?.url ?? o.policy.url ?? '');
      if (r?.auth === 'oauth') setAuth('oauth');
      setClientId(r?.oauth?.clientId ?? '');
      setAuthorizeUrl(r?.oauth?.authorizeUrl ?? '');
      setTokenUrl(r?.oauth?.tokenUrl ?? '');
      const m = o.microsoft365?.config;
      setTenantId(m?.tenantId ?? o.policy.tenantId ?? '');
      setM365ClientId(m?.clientId ?? o.policy.clientId ?? '');
      setGraphUrl(m?.graphBaseUrl ?? '');
    });
  }, [load, setUrl, setClientId, setAuthorizeUrl, setTokenUrl, setTenantId, setM365ClientId, setGraphUrl]);

  // While a sync runs, follow its progress.
  const syncing = !!(overview?.remote?.syncing || overview?.microsoft365?.syncing);
  useEffect(() => {
    if (!syncing) return;
    const timer = setInterval(() => void load(), 1500);
    return () => clearInterval(timer);
  }, [syncing, load]);

  async function run(what: string, fn: () => Promise<Note | void>) {
    setBusy(what);
    setNote(null);
    try {
      const n = await fn();
      if (n) setNote(n);
    } catch (e) {
      setNote({ text: t('src_error', errText(e)), error: true });
    } finally {
      setBusy(null);
      await load();
    }
  }

  const remoteLocked = !!overview?.policy.sourceLocked;
  const policyToken = !!overview?.policy.hasToken;
  const m365Locked = !!overview?.microsoft365?.locked;
  // allowImport false: only what the policy configures; the user's own service or tenant is refused.
  const ownForbidden = overview?.policy.ownSourcesAllowed === false;
  const noOwnRemote = ownForbidden && !overview?.policy.url;
  const noOwnM365 = ownForbidden && !m365Locked;

  function connectRemote(e: FormEvent) {
    e.preventDefault();
    const origin = originOf(url.trim());
    if (!origin) {
      setNote({ text: t('src_error', `${t('src_remote_url')}: ${url || '—'}`), error: true });
      return;
    }
    // The permission request must happen in the gesture, before anything async.
    const granted = allow([origin]);
    void run('connect', async () => {
      if (!(await granted)) return { text: t('src_permission_denied', origin), error: true };
      const authKind = policyToken ? 'policy-token' : auth;
      await sendMessage('configureSources', {
        remote: {
          url: url.trim(),
          auth: authKind,
          ...(authKind === 'token' && token.trim() ? { token: token.trim() } : {}),
          ...(authKind === 'oauth' ? { oauth: { clientId: clientId.trim(), ...(authorizeUrl.trim() ? { authorizeUrl: authorizeUrl.trim() } : {}), ...(tokenUrl.trim() ? { tokenUrl: tokenUrl.trim() } : {}) } } : {}),
        },
      });
      const tested = authKind === 'policy-token' || (authKind === 'token' && !!token.trim());
      setToken('');
      if (authKind === 'oauth') await sendMessage('signInSource', { source: 'remote' });
      return { text: tested ? t('src_saved_tested', origin) : t('src_saved') };
    });
  }

  function connectM365(e: FormEvent) {
    e.preventDefault();
    const graphOrigin = originOf(graphUrl.trim() || 'https://graph.microsoft.com')!;
    const granted = allow([graphOrigin, 'https://login.microsoftonline.com']);
    void run('m365', async () => {
      if (!(await granted)) return { text: t('src_permission_denied', graphOrigin), error: true };
      if (!m365Locked)
        await sendMessage('configureSources', { microsoft365: { tenantId: tenantId.trim(), clientId: m365ClientId.trim(), ...(graphUrl.trim() ? { graphBaseUrl: graphUrl.trim() } : {}) } });
      await sendMessage('signInSource', { source: 'microsoft365' });
      return { text: t('src_signed_in') };
    });
  }

  if (loadError && !overview) return <p role="alert">{t('src_error', loadError)}</p>;
  const remote = overview?.remote;
  const m365 = overview?.microsoft365;

  return (
    <section aria-labelledby="src-title" className="space-y-4" data-testid="sources-section">
      <h3 id="src-title" className="text-lg font-semibold">
        {t('src_title')}
      </h3>
      {/* What leaves the browser: the same sentence as Privacy (one message), so the two never disagree. */}
      <p className={`text-sm ${muted}`}>
        {t('src_intro')} <span data-privacy-leaves="true">{t('opt_privacy_leaves')}</span>
      </p>
      <p className="text-sm" data-source-active={overview?.active ?? 'local'}>
        {overview?.active === 'remote' && remote?.origin ? t('src_active_remote', remote.origin) : t('src_active_local')}
      </p>
      {remote?.degraded ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">{t('src_degraded')}</p>
      ) : null}
      {ownForbidden ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100" data-testid="sources-own-forbidden">
          {t('src_own_forbidden')}
        </p>
      ) : null}
      <div aria-live="polite" className={`text-sm ${note?.error ? 'text-red-800 dark:text-red-200' : ''}`} data-testid="sources-note">
        {note?.text ?? ''}
      </div>

      <form className={`${card} space-y-3`} onSubmit={connectRemote} aria-labelledby="src-remote-title">
        <fieldset disabled={noOwnRemote} className="contents">
        <h4 id="src-remote-title" className="font-semibold">
          {t('src_remote_title')}
        </h4>
        <Field label={t('src_remote_url')}>
          {(id) => (
            <input id={id} type="url" className={input} value={url} placeholder="https://kenner-graph.example.com" disabled={remoteLocked && !!overview?.policy.url} onChange={(e) => setUrl(e.currentTarget.value)} required />
          )}
        </Field>
        {remoteLocked ? <Locked /> : null}
        {policyToken ? (
          <p className="text-sm">{t('src_auth_policy')}</p>
        ) : (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t('src_auth_label')}</legend>
            <label className="mr-4 inline-flex items-center gap-1 text-sm">
              <input type="radio" name="src-auth" checked={auth === 'token'} onChange={() => setAuth('token')} /> {t('src_auth_token')}
            </label>
            <label className="inline-flex items-center gap-1 text-sm">
              <input type="radio" name="src-auth" checked={auth === 'oauth'} onChange={() => setAuth('oauth')} /> {t('src_auth_oauth')}
            </label>
            {auth === 'token' ? (
              <Field label={t('src_token_label')} hint={t('src_token_hint')}>
                {(id, hintId) => <input id={id} type="password" autoComplete="off" className={input} value={token} aria-describedby={hintId} onChange={(e) => setToken(e.currentTarget.value)} />}
              </Field>
            ) : (
              <div className="grid gap-2 sm:grid-cols-2">
                <Field label={t('src_client_id')}>{(id) => <input id={id} className={input} value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} required />}</Field>
                <Field label={t('src_authorize_url')}>{(id) => <input id={id} type="url" className={input} value={authorizeUrl} onChange={(e) => setAuthorizeUrl(e.currentTarget.value)} />}</Field>
                <Field label={t('src_token_url')}>{(id) => <input id={id} type="url" className={input} value={tokenUrl} onChange={(e) => setTokenUrl(e.currentTarget.value)} />}</Field>
                {overview?.redirectUrl ? <p className={`text-xs ${muted} sm:col-span-2`}>{t('src_redirect_hint', overview.redirectUrl)}</p> : null}
              </div>
            )}
          </fieldset>
        )}
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={btnPrimary} disabled={!!busy}>
            {t('src_connect')}
          </button>
          {remote ? (
            <>
              <button type="button" className={btn} disabled={!!busy} onClick={() => void run('test', async () => {
                const r = await sendMessage('testSource', { source: 'remote' });
                return r.ok ? { text: t('src_test_ok') } : { text: t('src_test_failed', r.message ?? ''), error: true };
              })}>
                {t('src_test')}
              </button>
              <button type="button" className={btn} disabled={!!busy || remote.syncing} onClick={() => void run('sync', async () => syncNote(await sendMessage('syncSource', { source: 'remote' })))}>
                {t('src_sync_now')}
              </button>
              {remote.auth === 'oauth' && !remote.signedIn ? (
                <button type="button" className={btn} disabled={!!busy} onClick={() => void run('in', async () => void (await sendMessage('signInSource', { source: 'remote' })))}>
                  {t('src_sign_in')}
                </button>
              ) : null}
              <SignOutDisconnect source="remote" signedIn={remote.auth === 'oauth' && remote.signedIn} locked={remoteLocked} disabled={!!busy} run={run} />
            </>
          ) : null}
        </div>
        {remote ? <SourceStatusLines status={remote} testId="remote-status" /> : null}
        </fieldset>
      </form>

      <form className={`${card} space-y-3`} onSubmit={connectM365} aria-labelledby="src-m365-title">
        <fieldset disabled={noOwnM365} className="contents">
        <h4 id="src-m365-title" className="font-semibold">
          {t('src_m365_title')}
        </h4>
        <p className={`text-sm ${muted}`}>{t('src_m365_intro')}</p>
        <div className="grid gap-2 sm:grid-cols-2">
          <Field label={t('src_tenant_id')}>{(id) => <input id={id} className={input} value={tenantId} disabled={m365Locked} onChange={(e) => setTenantId(e.currentTarget.value)} required />}</Field>
          <Field label={t('src_m365_client_id')}>{(id) => <input id={id} className={input} value={m365ClientId} disabled={m365Locked} onChange={(e) => setM365ClientId(e.currentTarget.value)} required />}</Field>
          <Field label={t('src_graph_url')}>
            {(id) => <input id={id} type="url" className={input} value={graphUrl} placeholder="https://graph.microsoft.com" disabled={m365Locked} onChange={(e) => setGraphUrl(e.currentTarget.value)} />}
          </Field>
        </div>
        {m365Locked ? <Locked /> : null}
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={btnPrimary} disabled={!!busy}>
            {m365?.signedIn ? t('src_connect') : t('src_sign_in')}
          </button>
          {m365 ? (
            <>
              <button type="button" className={btn} disabled={!!busy || m365.syncing || !m365.signedIn} onClick={() => void run('m365sync', async () => syncNote(await sendMessage('syncSource', { source: 'microsoft365' })))}>
                {t('src_sync_now')}
              </button>
              <SignOutDisconnect source="microsoft365" signedIn={m365.signedIn} locked={m365Locked} disabled={!!busy} run={run} />
            </>
          ) : null}
        </div>
        {m365 ? <SourceStatusLines status={m365} /> : null}
        </fieldset>
      </form>
    </section>
  );
}
