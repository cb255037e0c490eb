/**
 * Which graph source answers (activeSource), and the background's answers
 * to the options page's "Data sources" section (registerSourceHandlers).
 * BACKGROUND ONLY.
 *
 * Configuration = administrator policy (graphSource, graphServiceUrl,
 * graphServiceToken, tenantId, clientId: locked) overlaid on what the user
 * stored (`local:sources`, never a secret). Tokens: storage.session.
 */
import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { onMessage } from '../messaging/protocol';
import { readPolicy, type Policy } from '../settings/policy';
import { sourcesConfigItem, remoteSyncItem, m365SyncItem } from '../sources/state';
import { createMicrosoft365Source, type Microsoft365Options, type Microsoft365Source } from '../sources/microsoft365';
import { createRemoteSource, type RemoteSource, type RemoteSourceOptions } from '../sources/remote';
import type { GraphSource } from '../sources/types';
import type { Microsoft365Config, RemoteSourceConfig, SourcesConfig, SourcesConfigureInput, SourcesOverview } from '../messaging/sources';
import { storeTokens } from '../sources/oauth';

export const SYNC_ALARM = 'kenner-source-sync';
export const SYNC_PERIOD_MINUTES = 6 * 60;

const httpUrl = z
  .string()
  .max(500)
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http(s) URL');
const guidOrName = z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9.\-_]+$/, 'letters, digits, dots and dashes only');

export const ConfigureSchema = z
  .object({
    remote: z
      .object({
        url: httpUrl,
        auth: z.enum(['oauth', 'token', 'policy-token']),
        token: z.string().trim().min(1).max(8000).optional(),
        oauth: z
          .object({ authorizeUrl: httpUrl.optional(), tokenUrl: httpUrl.optional(), clientId: z.string().trim().min(1).max(200), scope: z.string().max(500).optional() })
          .optional(),
      })
      .nullable()
      .optional(),
    microsoft365: z
      .object({ tenantId: guidOrName, clientId: guidOrName, graphBaseUrl: httpUrl.optional(), loginBaseUrl: httpUrl.optional() })
      .nullable()
      .optional(),
  })
  .strict();
const SourceArg = z.object({ source: z.enum(['remote', 'microsoft365']) });
const SyncArg = SourceArg.extend({ full: z.boolean().optional() });

/** The effective configuration: policy first (locked), then what the user stored. */
export function effectiveConfig(stored: SourcesConfig, policy: Policy): SourcesConfig {
  let remote: RemoteSourceConfig | null = stored.remote;
  let microsoft365: Microsoft365Config | null = stored.microsoft365;
  if (policy.graphSource === 'local') remote = null;
  else if (policy.graphServiceUrl && policy.graphSource !== 'microsoft365') {
    remote = {
      url: policy.graphServiceUrl,
      auth: policy.graphServiceToken ? 'policy-token' : stored.remote?.auth === 'token' ? 'token' : 'oauth',
      oauth: policy.graphServiceToken ? undefined : stored.remote?.oauth,
      locked: true,
    };
  }
  if (policy.tenantId && policy.clientId) microsoft365 = { ...stored.microsoft365, tenantId: policy.tenantId, clientId: policy.clientId, locked: true };
  return { remote, microsoft365 };
}

function sourceLocked(policy: Policy): boolean {
  return policy.graphSource !== undefined || policy.graphServiceUrl !== undefined;
}

export interface SourceManagerOptions {
  remote?: RemoteSourceOptions;
  microsoft365?: Microsoft365Options;
  /** The answering source changed, or became (un)reachable: recompute answers. */
  onChanged?: () => void | Promise<void>;
}

/** Keeps one source instance per configuration. */
export class SourceManager {
  private remote: { key: string; source: RemoteSource; ready: Promise<void> } | null = null;
  private m365: { key: string; source: Microsoft365Source; ready: Promise<void> } | null = null;
  lastKind: 'local' | 'remote' = 'local';

  constructor(private opts: SourceManagerOptions = {}) {}

  /** New options apply to source instances created from now on (and to onChanged at once). */
  setOptions(opts: SourceManagerOptions): void {
    this.opts = opts;
    this.remote = null;
    this.m365 = null;
  }

  async config(): Promise<{ config: SourcesConfig; policy: Policy }> {
    const [stored, { policy }] = await Promise.all([sourcesConfigItem.getValue(), readPolicy()]);
    return { config: effectiveConfig(stored ?? { remote: null, microsoft365: null }, policy), policy };
  }

  async remoteSource(): Promise<RemoteSource | null> {
    const { config } = await this.config();
    const c = config.remote;
    if (!c) {
      this.remote = null;
      return null;
    }
    const key = JSON.stringify(c);
    if (this.remote?.key !== key) {
      const source = createRemoteSource(c, {
        policyToken: async () => (await readPolicy()).policy.graphServiceToken,
        onHealthChange: () => void this.opts.onChanged?.(),
        ...this.opts.remote,
      });
      this.remote = { key, source, ready: source.ready() };
    }
    await this.remote.ready;
    return this.remote.source;
  }

  async microsoft365(): Promise<Microsoft365Source | null> {
    const { config } = await this.config();
    const c = config.microsoft365;
    if (!c) {
      this.m365 = null;
      return null;
    }
    const key = JSON.stringify(c);
    if (this.m365?.key !== key) {
      const source = createMicrosoft365Source(c, this.opts.microsoft365);
      this.m365 = { key, source, ready: source.ready() };
    }
    await this.m365.ready;
    return this.m365.source;
  }

  /** The GraphSource that answers now: the remote service when configured, else the local graph. */
  async current(local: GraphSource): Promise<GraphSource> {
    const remote = await this.remoteSource();
    this.lastKind = remote ? 'remote' : 'local';
    return remote ?? local;
  }
}

let defaultManager: SourceManager | null = null;
function manager(): SourceManager {
  defaultManager ??= new SourceManager();
  return defaultManager;
}

/**
 * The source the background should ask now (call once; the returned source
 * follows configuration changes by itself): the remote company-graph
 * service when policy or the user configured one, else `local`.
 */
export function activeSource(local: GraphSource, m?: SourceManager): GraphSource {
  // Resolved at call time: registerSourceHandlers() may set up the shared manager after this.
  const mgr = () => m ?? manager();
  return {
    get kind() {
      return mgr().lastKind;
    },
    async meta() {
      return (await mgr().current(local)).meta();
    },
    async rank(entities, opts) {
      return (await mgr().current(local)).rank(entities, opts);
    },
  };
}

async function hasPermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] });
  } catch {
    return false;
  }
}

export async function sourcesOverview(m: SourceManager = manager()): Promise<SourcesOverview> {
  const { config, policy } = await m.config();
  const [remote, m365] = await Promise.all([m.remoteSource(), m.microsoft365()]);
  let redirectUrl: string | undefined;
  try {
    redirectUrl = browser.identity?.getRedirectURL();
  } catch {
    redirectUrl = undefined;
  }
  return {
    active: remote ? 'remote' : 'local',
    remote: remote && config.remote ? { ...remote.status(), signedIn: await remote.signedIn(), config: config.remote, permission: await hasPermission(config.remote.url) } : null,
    microsoft365:
      m365 && config.microsoft365
        ? { ...m365.status(), signedIn: await m365.signedIn(), config: config.microsoft365, permission: await hasPermission(config.microsoft365.graphBaseUrl ?? 'https://graph.microsoft.com') }
        : null,
    policy: {
      sourceLocked: sourceLocked(policy),
      kind: policy.graphSource,
      url: policy.graphServiceUrl,
      hasToken: !!policy.graphServiceToken,
      tenantId: policy.tenantId,
      clientId: policy.clientId,
    },
    redirectUrl,
  };
}

/** Applies a user's change; refuses what the policy locks. */
export async function configureSources(input: SourcesConfigureInput, m: SourceManager = manager()): Promise<void> {
  const data = ConfigureSchema.parse(input);
  const { policy } = await m.config();
  const stored = await sourcesConfigItem.getValue();
  const next: SourcesConfig = { remote: stored.remote, microsoft365: stored.microsoft365 };
  if (data.remote !== undefined) {
    if (policy.graphSource === 'local' || policy.graphSource === 'microsoft365') throw new Error('The graph source is set by your organisation’s administrator.');
    if (data.remote && policy.graphServiceUrl && new URL(data.remote.url).origin !== new URL(policy.graphServiceUrl).origin)
      throw new Error('The service address is set by your organisation’s administrator.');
    if (data.remote === null && policy.graphServiceUrl) throw new Error('The service is set by your organisation’s administrator.');
    if (data.remote?.auth === 'policy-token' && !policy.graphServiceToken) throw new Error('The policy sets no token.');
    if (data.remote?.auth === 'oauth' && !data.remote.oauth?.clientId) throw new Error('OAuth sign-in needs a client id.');
    next.remote = data.remote
      ? {
          url: data.remote.url.replace(/\/+$/, ''),
          auth: data.remote.auth,
          ...(data.remote.auth === 'oauth' && data.remote.oauth
            ? { oauth: { authorizeUrl: data.remote.oauth.authorizeUrl ?? '', tokenUrl: data.remote.oauth.tokenUrl ?? '', clientId: data.remote.oauth.clientId, ...(data.remote.oauth.scope ? { scope: data.remote.oauth.scope } : {}) } }
            : {}),
        }
      : null;
    if (data.remote?.token) await storeTokens('remote', { accessToken: data.remote.token });
    if (next.remote?.url !== stored.remote?.url) await remoteSyncItem.setValue({});
  }
  if (data.microsoft365 !== undefined) {
    if (policy.tenantId && policy.clientId) throw new Error('Microsoft 365 is set up by your organisation’s administrator.');
    next.microsoft365 = data.microsoft365 ? { ...data.microsoft365 } : null;
    if (!data.microsoft365) await m365SyncItem.setValue({});
  }
  await sourcesConfigItem.setValue(next);
}

function requirePage(sender: Browser.runtime.MessageSender): void {
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) throw new Error('Only the extension’s own pages may ask this');
}

async function ensureAlarm(m: SourceManager): Promise<void> {
  const { config } = await m.config();
  if (config.remote || config.microsoft365) {
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (!existing) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: SYNC_PERIOD_MINUTES });
  } else await browser.alarms.clear(SYNC_ALARM);
}

/** Incremental sync of every configured source (alarm, start-up resume, "sync now"). */
export async function syncAll(m: SourceManager = manager()): Promise<void> {
  const [remote, m365] = await Promise.all([m.remoteSource(), m.microsoft365()]);
  if (remote && (await remote.signedIn())) await remote.sync();
  if (m365 && (await m365.signedIn())) await m365.sync();
}

/**
 * Registers the "Data sources" messages, the periodic sync alarm, and
 * resumes a sync that a stopped service worker interrupted. Call once in the
 * background, beside registerHandlers().
 */
export function registerSourceHandlers(opts: SourceManagerOptions = {}): SourceManager {
  // One shared manager (one instance per source), whether activeSource() came first or not.
  const m = manager();
  m.setOptions(opts);
  const changed = () => void opts.onChanged?.();

  onMessage('getSourcesOverview', async ({ sender }) => {
    requirePage(sender);
    return sourcesOverview(m);
  });
  onMessage('configureSources', async ({ data, sender }) => {
    requirePage(sender);
    await configureSources(data, m);
    await ensureAlarm(m);
    changed();
    const remote = await m.remoteSource();
    if (remote && data.remote && (await remote.signedIn())) void remote.sync().then(changed);
    return sourcesOverview(m);
  });
  onMessage('testSource', async ({ data, sender }) => {
    requirePage(sender);
    const { source } = SourceArg.parse(data);
    if (source === 'remote') {
      const r = await m.remoteSource();
      if (!r) return { ok: false, message: 'No company-graph service is configured.' };
      return r.testConnection();
    }
    const s = await m.microsoft365();
    if (!s) return { ok: false, message: 'Microsoft 365 is not set up.' };
    try {
      await s.searchDirectory('a', 1);
      return { ok: true };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  });
  onMessage('syncSource', async ({ data, sender }) => {
    requirePage(sender);
    const { source, full } = SyncArg.parse(data);
    const s = source === 'remote' ? await m.remoteSource() : await m.microsoft365();
    if (!s) return { ok: false, pages: 0, records: 0, deleted: 0, error: 'Not configured' };
    const r = source === 'remote' ? await (s as RemoteSource).sync({ full }) : await (s as Microsoft365Source).sync();
    changed();
    return r;
  });
  onMessage('signInSource', async ({ data, sender }) => {
    requirePage(sender);
    const { source } = SourceArg.parse(data);
    const s = source === 'remote' ? await m.remoteSource() : await m.microsoft365();
    if (!s) throw new Error('Not configured');
    await s.signIn();
    void s.sync().then(changed);
    return sourcesOverview(m);
  });
  onMessage('signOutSource', async ({ data, sender }) => {
    requirePage(sender);
    const { source } = SourceArg.parse(data);
    const s = source === 'remote' ? await m.remoteSource() : await m.microsoft365();
    await s?.signOut();
    changed();
    return sourcesOverview(m);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncAll(m).then(changed);
  });
  // A sync the service worker was stopped in the middle of goes on from its cursor.
  void (async () => {
    await ensureAlarm(m);
    const [r, ms] = await Promise.all([remoteSyncItem.getValue(), m365SyncItem.getValue()]);
    if (r.inProgress || ms.inProgress) await syncAll(m);
  })().catch((e) => console.warn('Kenner: source sync on start-up failed', e));
  return m;
}
