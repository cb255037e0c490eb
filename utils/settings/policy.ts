/**
 * Administrator policy: chrome.storage.managed (schema: public/managed_schema.json).
 * Every key an administrator sets is in force and locked; the rest comes
 * from the user's stored settings. Firefox without a managed-storage manifest
 * (and any browser without a policy) simply has no policy.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { t } from '../i18n';
import { DEFAULT_SETTINGS, getSettings, settingsItem, SettingsSchema, type Settings } from './items';

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
  };
}

const S = SettingsSchema.shape;
/** The settings an administrator can fix (their schemas are the settings' own) and the policy-only keys. */
export const PolicySchema = z
  .object({
    sites: S.sites,
    customSites: z.array(z.object({ pattern: z.string(), label: z.string().optional() })),
    highlight: S.highlight,
    hoverCard: S.hoverCard,
    kinds: S.kinds.partial(),
    logRetentionDays: S.logRetentionDays,
    allowImport: z.boolean(),
    allowDemo: z.boolean(),
    allowPause: z.boolean(),
    graphSource: z.enum(['local', 'remote', 'microsoft365']),
    graphServiceUrl: z.string().url(),
    graphServiceToken: z.string(),
    tenantId: z.string(),
    clientId: z.string(),
  })
  .partial()
  .passthrough();
export type Policy = z.infer<typeof PolicySchema>;

/** Setting keys a policy key locks. */
const LOCKABLE = ['sites', 'customSites', 'highlight', 'hoverCard', 'kinds', 'logRetentionDays'] as const satisfies ReadonlyArray<keyof Settings>;

export async function readPolicy(): Promise<{ policy: Policy; unavailable: boolean }> {
  try {
    const raw = await browser.storage.managed.get(null);
    const parsed = PolicySchema.safeParse(raw ?? {});
    if (!parsed.success) {
      console.warn('Kenner: ignoring invalid managed policy', parsed.error.issues);
      return { policy: {}, unavailable: false };
    }
    return { policy: parsed.data, unavailable: false };
  } catch {
    // Firefox without a native managed-storage manifest, or no policy support.
    return { policy: {}, unavailable: true };
  }
}

export function applyPolicy(settings: Settings, policy: Policy, unavailable = false): EffectiveSettings {
  const eff: Settings = { ...settings, kinds: { ...settings.kinds } };
  const locked: EffectiveSettings['locked'] = [];
  for (const key of LOCKABLE) if (policy[key] !== undefined) locked.push(key);
  if (policy.sites) eff.sites = { ...eff.sites, ...policy.sites };
  if (policy.customSites) eff.customSites = policy.customSites;
  if (policy.highlight !== undefined) eff.highlight = policy.highlight;
  if (policy.hoverCard !== undefined) eff.hoverCard = policy.hoverCard;
  if (policy.kinds) eff.kinds = { ...eff.kinds, ...policy.kinds };
  if (policy.logRetentionDays !== undefined) eff.logRetentionDays = policy.logRetentionDays;
  if (policy.allowPause === false) {
    eff.pausedHosts = [];
    locked.push('pausedHosts');
  }
  if (policy.allowImport !== undefined) locked.push('allowImport');
  if (policy.allowDemo !== undefined) locked.push('allowDemo');
  if (policy.graphSource !== undefined || policy.graphServiceUrl !== undefined) locked.push('graphSource');
  return {
    settings: eff,
    locked,
    policy: {
      allowImport: policy.allowImport !== false,
      allowDemo: policy.allowDemo !== false,
      graphSource: policy.graphSource || policy.graphServiceUrl ? { kind: policy.graphSource ?? 'remote', url: policy.graphServiceUrl } : undefined,
      unavailable,
    },
  };
}

export async function getEffectiveSettings(): Promise<EffectiveSettings> {
  const [settings, { policy, unavailable }] = await Promise.all([getSettings(), readPolicy()]);
  return applyPolicy(settings, policy, unavailable);
}

export class LockedSettingError extends Error {
  constructor(readonly keys: string[]) {
    super(t('bg_setting_locked', keys.join(', ')));
  }
}

/** Apply a user's change; refuses any key the policy locks. */
export async function changeSettings(patch: Partial<Settings>): Promise<EffectiveSettings> {
  const current = await getEffectiveSettings();
  const refused = Object.keys(patch).filter((k) => current.locked.includes(k as keyof Settings));
  if (refused.length) throw new LockedSettingError(refused);
  const stored = await getSettings();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...stored, ...patch });
  return getEffectiveSettings();
}
