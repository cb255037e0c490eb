/**
 * Administrator policy: chrome.storage.managed (schema: public/managed_schema.json).
 * Every key an administrator sets is in force and locked; the rest comes
 * from the user's stored settings. Firefox without a managed-storage manifest
 * (and any browser without a policy) simply has no policy.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { t } from '../i18n';
import { DEFAULT_SETTINGS, getSettings, settingsItem, type Settings } from './items';
import { SettingsSchema } from './schema';
import { isSecureServiceUrl, SECURE_URL_MESSAGE } from './service-url';
import { cappedRetentionDays, worksCouncil, type WorksCouncil } from '../governance/works-council';
import { WorksCouncilSchema } from '../governance/schema';

export interface EffectiveSettings {
  settings: Settings;
  /** Setting keys fixed by administrator policy (cannot be changed). */
  locked: Array<keyof Settings | 'graphSource' | 'allowImport' | 'allowDemo'>;
  policy: {
    allowImport: boolean;
    allowDemo: boolean;
    graphSource?: { kind: 'local' | 'remote' | 'microsoft365'; url?: string };
    /** The browser has no managed storage (e.g. Firefox without a policy). */
    unavailable?: boolean;
    /** Policy keys whose value Kenner refused; each is at its most restrictive value. */
    refused?: RefusedPolicyKey[];
    /** Works-council mode with its defaults filled in (off without the key). */
    worksCouncil?: WorksCouncil;
    /** Each policy key in force and its value (secrets as `true`: set, never their value), for the options page. */
    values?: Record<string, unknown>;
  };
}

const S = SettingsSchema.shape;


/** Every policy key and the schema of its value: the settings an administrator can fix (their schemas are the settings' own) and the policy-only keys. */
const POLICY_FIELDS = {
  /** Site id → enabled; `"*"` stands for every built-in site not named. */
  sites: S.sites,
  customSites: S.customSites,
  highlight: S.highlight,
  hoverCard: S.hoverCard,
  kinds: S.kinds.partial(),
  logRetentionDays: S.logRetentionDays,
  /** The company's own tenants of Salesforce, Dynamics 365, Zendesk and Freshdesk; other tenants get nothing. */
  tenants: S.tenants,
  /** The user's own person id in the graph ("me"), for a policy written per user. */
  meId: z.string().min(1).max(200),
  allowImport: z.boolean(),
  allowDemo: z.boolean(),
  allowPause: z.boolean(),
  graphSource: z.enum(['local', 'remote', 'microsoft365']),
  graphServiceUrl: z.string().max(500).refine(isSecureServiceUrl, SECURE_URL_MESSAGE),
  graphServiceToken: z.string().min(1).max(8000),
  tenantId: z.string().min(1).max(200),
  clientId: z.string().min(1).max(200),
  /** Works-council mode (utils/governance/works-council.ts; README "Works-council mode"). */
  worksCouncil: WorksCouncilSchema,
};
export const PolicySchema = z.object(POLICY_FIELDS).partial().passthrough();
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyKey = keyof typeof POLICY_FIELDS;
/** Every policy key, in the schema's order (the options page lists each one, set or not). */
export const POLICY_KEYS = Object.keys(POLICY_FIELDS) as PolicyKey[];
/** Keys whose value the options page never shows (only whether they are set). */
export const SECRET_POLICY_KEYS: ReadonlySet<string> = new Set<PolicyKey>(['graphServiceToken']);

/**
 * What a key holds when the administrator's value is refused: its most
 * restrictive value (Kenner does less, shows less, keeps less). Keys without
 * an entry are left out (no token, no Microsoft 365 tenant).
 */
const FAIL_CLOSED: Policy = {
  sites: { '*': false },
  customSites: [],
  highlight: false,
  hoverCard: false,
  kinds: { account: false, contact: false, topic: false },
  logRetentionDays: 0,
  // A host that never exists (RFC 2606): the multi-tenant sites run for no tenant.
  tenants: ['none.invalid'],
  allowImport: false,
  allowDemo: false,
  // Pausing makes Kenner do less on a site, so the restrictive choice keeps it possible.
  allowPause: true,
  graphSource: 'local',
  // A works-council policy Kenner cannot read: the mode is on with its defaults (bands, external evidence only, groups of 5).
  worksCouncil: { enabled: true },
};

/** A policy key Kenner refused, and why (shown to the administrator in the options page). */
export interface RefusedPolicyKey {
  key: string;
  reason: string;
}

/**
 * The policy, key by key: a valid value is in force; an invalid one is
 * refused and its key falls back to its most restrictive value, while every
 * other key stays in force. Unknown keys are ignored.
 */
export function parsePolicy(raw: unknown): { policy: Policy; refused: RefusedPolicyKey[] } {
  const refused: RefusedPolicyKey[] = [];
  const out: Record<string, unknown> = {};
  const entries = raw && typeof raw === 'object' ? Object.entries(raw) : [];
  for (const [key, value] of entries) {
    if (!Object.hasOwn(POLICY_FIELDS, key) || value === undefined) continue;
    const field: z.ZodType = POLICY_FIELDS[key as PolicyKey];
    const r = field.safeParse(value);
    if (r.success) {
      out[key] = r.data;
      continue;
    }
    refused.push({ key, reason: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') });
    const fallback = FAIL_CLOSED[key as PolicyKey];
    if (fallback !== undefined) out[key] = fallback;
  }
  // A refused service address still means "not the user's choice": the graph stays local.
  if (refused.some((r) => r.key === 'graphServiceUrl') && out.graphSource !== 'microsoft365') out.graphSource = 'local';
  return { policy: PolicySchema.parse(out), refused };
}

/** Setting keys a policy key locks. */
const LOCKABLE = ['sites', 'customSites', 'highlight', 'hoverCard', 'kinds', 'logRetentionDays', 'tenants', 'meId'] as const satisfies ReadonlyArray<keyof Settings>;

export async function readPolicy(): Promise<{ policy: Policy; unavailable: boolean; refused: RefusedPolicyKey[] }> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get(null);
  } catch {
    // Firefox without a native managed-storage manifest, or no policy support.
    return { policy: {}, unavailable: true, refused: [] };
  }
  const { policy, refused } = parsePolicy(raw);
  if (refused.length) console.warn('Kenner: refused policy keys (their most restrictive values are in force)', refused);
  return { policy, unavailable: false, refused };
}

export function applyPolicy(settings: Settings, policy: Policy, unavailable = false, refused: RefusedPolicyKey[] = []): EffectiveSettings {
  const eff: Settings = { ...settings, kinds: { ...settings.kinds } };
  const locked: EffectiveSettings['locked'] = [];
  for (const key of LOCKABLE) if (policy[key] !== undefined) locked.push(key);
  // With `"*"` the administrator decides every built-in site: the user's own switches no longer count.
  if (policy.sites) eff.sites = policy.sites['*'] !== undefined ? { ...policy.sites } : { ...eff.sites, ...policy.sites };
  if (policy.customSites) eff.customSites = policy.customSites;
  if (policy.highlight !== undefined) eff.highlight = policy.highlight;
  if (policy.hoverCard !== undefined) eff.hoverCard = policy.hoverCard;
  if (policy.kinds) eff.kinds = { ...eff.kinds, ...policy.kinds };
  if (policy.logRetentionDays !== undefined) eff.logRetentionDays = policy.logRetentionDays;
  const wc = worksCouncil(policy.worksCouncil);
  // The mode's cap on the lookup log: the user may keep it shorter, never longer.
  if (wc.enabled && wc.retentionDays !== null) eff.logRetentionDays = cappedRetentionDays(eff.logRetentionDays, wc);
  if (policy.tenants) eff.tenants = policy.tenants;
  if (policy.meId !== undefined) eff.meId = policy.meId;
  if (policy.allowPause === false) {
    eff.pausedHosts = [];
    locked.push('pausedHosts');
  }
  if (policy.allowImport !== undefined) locked.push('allowImport');
  if (policy.allowDemo !== undefined || policy.allowImport === false) locked.push('allowDemo');
  if (policy.graphSource !== undefined || policy.graphServiceUrl !== undefined) locked.push('graphSource');
  return {
    settings: eff,
    locked,
    policy: {
      allowImport: policy.allowImport !== false,
      // The demo graph is a path into the graph too: no import, no demo.
      allowDemo: policy.allowDemo !== false && policy.allowImport !== false,
      graphSource: policy.graphSource || policy.graphServiceUrl ? { kind: policy.graphSource ?? 'remote', url: policy.graphServiceUrl } : undefined,
      unavailable,
      worksCouncil: wc,
      ...(refused.length ? { refused } : {}),
      values: Object.fromEntries(POLICY_KEYS.filter((k) => policy[k] !== undefined).map((k) => [k, SECRET_POLICY_KEYS.has(k) ? true : policy[k]])),
    },
  };
}

export async function getEffectiveSettings(): Promise<EffectiveSettings> {
  const [settings, { policy, unavailable, refused }] = await Promise.all([getSettings(), readPolicy()]);
  return applyPolicy(settings, policy, unavailable, refused);
}

export class LockedSettingError extends Error {
  constructor(readonly keys: string[]) {
    super(t('bg_setting_locked', keys.join(', ')));
  }
}

/** Apply a user's change; refuses any key the policy locks. */
let settingsWrites = 0;
/** How many times changeSettings has written the settings in this context (a cached copy older than a write is stale at once, before storage.onChanged reports it). */
export const settingsWriteCount = () => settingsWrites;

export async function changeSettings(patch: Partial<Settings>): Promise<EffectiveSettings> {
  const current = await getEffectiveSettings();
  const refused = Object.keys(patch).filter((k) => current.locked.includes(k as keyof Settings));
  if (refused.length) throw new LockedSettingError(refused);
  const stored = await getSettings();
  settingsWrites++;
  try {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...stored, ...patch });
  } finally {
    settingsWrites++;
  }
  return getEffectiveSettings();
}
