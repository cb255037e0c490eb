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

export const PolicySchema = z
  .object({
    sites: z.record(z.string(), z.boolean()).optional(),
    customSites: z.array(z.object({ pattern: z.string(), label: z.string().optional() })).optional(),
    highlight: z.boolean().optional(),
    hoverCard: z.boolean().optional(),
    kinds: z.object({ account: z.boolean().optional(), contact: z.boolean().optional(), topic: z.boolean().optional() }).optional(),
    logRetentionDays: z.number().int().min(0).max(3650).optional(),
    allowImport: z.boolean().optional(),
    allowDemo: z.boolean().optional(),
    allowPause: z.boolean().optional(),
    graphSource: z.enum(['local', 'remote', 'microsoft365']).optional(),
    graphServiceUrl: z.string().url().optional(),
    graphServiceToken: z.string().optional(),
    tenantId: z.string().optional(),
    clientId: z.string().optional(),
  })
  .passthrough();
export type Policy = z.infer<typeof PolicySchema>;

/** Setting keys a policy key locks. */
const LOCKABLE: Array<keyof Settings> = ['sites', 'customSites', 'highlight', 'hoverCard', 'kinds', 'logRetentionDays'];

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
  for (const key of LOCKABLE) {
    const v = policy[key as keyof Policy];
    if (v === undefined) continue;
    locked.push(key);
    if (key === 'kinds') eff.kinds = { ...eff.kinds, ...(v as Settings['kinds']) };
    else if (key === 'sites') eff.sites = { ...eff.sites, ...(v as Settings['sites']) };
    else (eff as any)[key] = v;
  }
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
