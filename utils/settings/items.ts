/**
 * Every stored setting, declared once with its default and migrations.
 * The effective settings are these, overlaid by what an administrator fixed
 * in policy (chrome.storage.managed, see public/managed_schema.json).
 */
import { storage } from '#imports';

export interface CustomSite {
  /** Match pattern, e.g. https://crm.example.com/* */
  pattern: string;
  label?: string;
}

export interface Settings {
  /** Built-in site id → enabled. Missing means enabled. */
  sites: Record<string, boolean>;
  /** Hosts the user paused (e.g. "acme.lightning.force.com"). */
  pausedHosts: string[];
  customSites: CustomSite[];
  highlight: boolean;
  hoverCard: boolean;
  kinds: { account: boolean; contact: boolean; topic: boolean };
  /** The user's own person id in the graph ("me"). */
  meId: string | null;
  /** Days the lookup log is kept. */
  logRetentionDays: number;
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
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  const stored = await settingsItem.getValue();
  return { ...DEFAULT_SETTINGS, ...stored, kinds: { ...DEFAULT_SETTINGS.kinds, ...stored.kinds } };
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...patch };
  await settingsItem.setValue(next);
  return next;
}
