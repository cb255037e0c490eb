/**
 * Every stored setting, declared once with its default and migrations.
 * The effective settings are these, overlaid by what an administrator fixed
 * in policy (chrome.storage.managed, see public/managed_schema.json).
 */
import { storage } from '#imports';
import type { Settings } from './schema';

export type { CustomSite, Settings } from './schema';

/** Whether a built-in site is on: its own switch, else the policy's `"*"` (every site not named), else on. */
export function isSiteEnabled(sites: Settings['sites'], siteId: string): boolean {
  return (sites[siteId] ?? sites['*']) !== false;
}

export const DEFAULT_SETTINGS: Settings = {
  sites: {},
  pausedHosts: [],
  customSites: [],
  highlight: true,
  hoverCard: true,
  kinds: { account: true, contact: true, topic: true },
  meId: null,
  logRetentionDays: 30,
  tenants: [],
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  const stored = await settingsItem.getValue();
  return { ...DEFAULT_SETTINGS, ...stored, kinds: { ...DEFAULT_SETTINGS.kinds, ...stored.kinds } };
}
