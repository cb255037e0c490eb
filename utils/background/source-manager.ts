/**
 * Which graph source answers (activeSource), the sources' configuration as
 * in force (policy over the user's), and their periodic sync. The messages of
 * the options page's "Data sources" section are in handlers/sources.ts.
 *
 * Configuration = administrator policy (graphSource, graphServiceUrl,
 * graphServiceToken, tenantId, clientId: locked) overlaid on what the user
 * stored (`local:sources`, never a secret). Tokens: storage.session.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { readPolicy, type Policy } from '../settings/policy';
import { isSecureServiceUrl } from '../settings/service-url';
import { sourcesConfigItem, remoteSyncItem, m365SyncItem } from '../sources/state';
import { createMicrosoft365Source, type Microsoft365Options, type Microsoft365Source } from '../sources/microsoft365';
import { createRemoteSource, type RemoteSource, type RemoteSourceOptions } from '../sources/remote';
import type { GraphSource } from '../sources/types';
import type { Microsoft365Config, RemoteSourceConfig, SourcesConfig, SourcesOverview, ValidSourcesConfigure } from '../messaging/sources';
import { storeTokens } from '../sources/oauth';

const SYNC_ALARM = 'kenner-source-sync';
const SYNC_PERIOD_MINUTES = 6 * 60;

/** A stored remote configuration, when every address in it is https (or this machine); else none (stored before the rule, or tampered with). */
function usableRemote(r: RemoteSourceConfig | null): RemoteSourceConfig | null {
  if (!r || !isSecureServiceUrl(r.url)) return null;
  const { authorizeUrl, tokenUrl } = r.oauth ?? {};
  if ((authorizeUrl && !isSecureServiceUrl(authorizeUrl)) || (tokenUrl && !isSecureServiceUrl(tokenUrl))) return null;
  return r;
}

/** A stored Microsoft 365 configuration without an address that is not https (the default Microsoft addresses then apply). */
function usableMicrosoft365(m: Microsoft365Config | null): Microsoft365Config | null {
  if (!m) return null;
  const { graphBaseUrl, loginBaseUrl, ...rest } = m;
  return {
    ...rest,
    ...(graphBaseUrl && isSecureServiceUrl(graphBaseUrl) ? { graphBaseUrl } : {}),
    ...(loginBaseUrl && isSecureServiceUrl(loginBaseUrl) ? { loginBaseUrl } : {}),
  };
}

/**
 * The effective configuration: policy first (locked), then what the user
 * stored. The policy wins whole: a tenant it sets comes with Microsoft's own
 * addresses, never a user's earlier ones; with `allowImport: false` no
 * source of the user's own is used, only what the policy configures.
 */
export function effectiveConfig(stored: SourcesConfig, policy: Policy): SourcesConfig {
  const own = policy.allowImport !== false;
  const mine = usableRemote(stored.remote);
  let remote: RemoteSourceConfig | null = own ? mine : null;
  let microsoft365: Microsoft365Config | null = own ? usableMicrosoft365(stored.microsoft365) : null;
  if (policy.graphSource === 'local') remote = null;
  else if (policy.graphServiceUrl && policy.graphSource !== 'microsoft365') {
    remote = {
      url: policy.graphServiceUrl,
      auth: policy.graphServiceToken ? 'policy-token' : mine?.auth === 'token' ? 'token' : 'oauth',
      oauth: policy.graphServiceToken ? undefined : mine?.oauth,
      locked: true,
    };
  }
  if (policy.tenantId && policy.clientId) microsoft365 = { tenantId: policy.tenantId, clientId: policy.clientId, locked: true };
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

/** A source made for one configuration (`key`), and its start-up. */
interface Instance<S> {
  key: string;
  source: S;
  ready: Promise<void>;
}

/** Keeps one source instance per configuration. */
export class SourceManager {
  private remote: Instance<RemoteSource> | null = null;
  private m365: Instance<Microsoft365Source> | null = null;
  lastKind: 'local' | 'remote' = 'local';
  /** Whether no remote service is configured (cached for `current`, dropped when the configuration or the policy changes). */
  private localOnly: Promise<boolean> | undefined;
  private watching = false;

  constructor(private opts: SourceManagerOptions = {}) {}

  /**
   * The stored configuration was just written here: forget whether it named a remote service, now,
   * rather than when `storage.onChanged` (asynchronous) reports it — an answer asked for in between
   * would go to the local graph.
   */
  configurationWritten(): void {
    this.localOnly = undefined;
  }

  /** New options apply to source instances created from now on (and to onChanged at once). */
  setOptions(opts: SourceManagerOptions): void {
    this.opts = opts;
    this.localOnly = undefined;
    this.remote = null;
    this.m365 = null;
  }

  async config(): Promise<{ config: SourcesConfig; policy: Policy }> {
    const [stored, { policy }] = await Promise.all([sourcesConfigItem.getValue(), readPolicy()]);
    return { config: effectiveConfig(stored ?? { remote: null, microsoft365: null }, policy), policy };
  }

  async remoteSource(): Promise<RemoteSource | null> {
    const { config } = await this.config();
    this.remote = this.instanceFor(this.remote, config.remote, (c) =>
      createRemoteSource(c, {
        policyToken: async () => (await readPolicy()).policy.graphServiceToken,
        onHealthChange: () => void this.opts.onChanged?.(),
        ...this.opts.remote,
      }),
    );
    await this.remote?.ready;
    return this.remote?.source ?? null;
  }

  async microsoft365(): Promise<Microsoft365Source | null> {
    const { config } = await this.config();
    this.m365 = this.instanceFor(this.m365, config.microsoft365, (c) => createMicrosoft365Source(c, this.opts.microsoft365));
    await this.m365?.ready;
    return this.m365?.source ?? null;
  }

  /** The instance for this configuration: the current one while the configuration is the same, else a new one (set before anyone awaits it, so concurrent callers share it). */
  private instanceFor<C, S extends { ready(): Promise<void> }>(current: Instance<S> | null, config: C | null, create: (c: C) => S): Instance<S> | null {
    if (!config) return null;
    const key = JSON.stringify(config);
    if (current?.key === key) return current;
    const source = create(config);
    return { key, source, ready: source.ready() };
  }

  /** The GraphSource that answers now: the remote service when configured, else the local graph. */
  async current(local: GraphSource): Promise<GraphSource> {
    const remote = await this.configuredRemote();
    this.lastKind = remote ? 'remote' : 'local';
    return remote ?? local;
  }

  /**
   * The remote service when one is configured, else null. Every ranked answer and every popup
   * keystroke's search asks: without a remote service configured, the answer is null until the
   * stored configuration or the policy changes (two storage reads per question saved).
   */
  async configuredRemote(): Promise<RemoteSource | null> {
    if (!this.watching) {
      this.watching = true;
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'managed' || (area === 'local' && Object.keys(changes).some((k) => k.startsWith('sources')))) this.localOnly = undefined;
      });
    }
    if (this.localOnly === undefined) {
      const asked = this.config().then(({ config }) => !config.remote);
      this.localOnly = asked;
      asked.catch(() => {
        if (this.localOnly === asked) this.localOnly = undefined;
      });
    }
    if (await this.localOnly) return null;
    return this.remoteSource();
  }
}


/**
 * The source the background should ask now (call once; the returned source
 * follows configuration changes by itself): the remote company-graph
 * service when policy or the user configured one, else `local`.
 */
export function activeSource(local: GraphSource, m: SourceManager): GraphSource {
  return {
    get kind() {
      return m.lastKind;
    },
    async meta() {
      return (await m.current(local)).meta();
    },
    async rank(entities, opts) {
      return (await m.current(local)).rank(entities, opts);
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

export async function sourcesOverview(m: SourceManager): Promise<SourcesOverview> {
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
      ownSourcesAllowed: policy.allowImport !== false,
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
export async function configureSources(data: ValidSourcesConfigure, m: SourceManager): Promise<void> {
  const { policy } = await m.config();
  const stored = await sourcesConfigItem.getValue();
  const next: SourcesConfig = { remote: stored.remote, microsoft365: stored.microsoft365 };
  // allowImport false: nothing of the user's own feeds the graph (disconnecting is always allowed).
  const own = policy.allowImport !== false;
  if (data.remote !== undefined) {
    if (policy.graphSource === 'local' || policy.graphSource === 'microsoft365') throw new Error(t('bg_source_locked'));
    if (data.remote && !own && !policy.graphServiceUrl) throw new Error(t('bg_source_own_forbidden'));
    if (data.remote && policy.graphServiceUrl && new URL(data.remote.url).origin !== new URL(policy.graphServiceUrl).origin)
      throw new Error(t('bg_source_url_locked'));
    if (data.remote === null && policy.graphServiceUrl) throw new Error(t('bg_source_service_locked'));
    if (data.remote?.auth === 'policy-token' && !policy.graphServiceToken) throw new Error(t('bg_source_no_policy_token'));
    if (data.remote?.auth === 'oauth' && !data.remote.oauth?.clientId) throw new Error(t('bg_source_oauth_client_id'));
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
    if (policy.tenantId && policy.clientId) throw new Error(t('bg_m365_locked'));
    if (data.microsoft365 && !own) throw new Error(t('bg_source_own_forbidden'));
    next.microsoft365 = data.microsoft365 ? { ...data.microsoft365 } : null;
    if (!data.microsoft365) await m365SyncItem.setValue({});
  }
  await sourcesConfigItem.setValue(next);
  m.configurationWritten();
}

export async function ensureAlarm(m: SourceManager): Promise<void> {
  const { config } = await m.config();
  if (config.remote || config.microsoft365) {
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (!existing) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: SYNC_PERIOD_MINUTES });
  } else await browser.alarms.clear(SYNC_ALARM);
}

/** Incremental sync of every configured source (alarm, start-up resume, "sync now"). */
async function syncAll(m: SourceManager): Promise<void> {
  const [remote, m365] = await Promise.all([m.remoteSource(), m.microsoft365()]);
  if (remote && (await remote.signedIn())) await remote.sync();
  if (m365 && (await m365.signedIn())) await m365.sync();
}

/**
 * The periodic sync alarm, and a sync that a stopped service worker
 * interrupted goes on from its cursor. Call once at start-up.
 */
export function startSourceSync(m: SourceManager, changed: () => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncAll(m).then(changed);
  });
  void (async () => {
    await ensureAlarm(m);
    const [r, ms] = await Promise.all([remoteSyncItem.getValue(), m365SyncItem.getValue()]);
    if (r.inProgress || ms.inProgress) await syncAll(m);
  })().catch((e: unknown) => console.warn('Kenner: source sync on start-up failed', e));
}
