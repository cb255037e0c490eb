/**
 * Every stored setting, declared once with its default and migrations.
 * The effective settings are these, overlaid by what an administrator fixed
 * in policy (chrome.storage.managed, see public/managed_schema.json).
 */
import { storage } from '#imports';
import { z } from 'zod';

/** A site the company adds: a match pattern such as https://crm.example.com/* and a label. */
export const CustomSiteSchema = z.object({ pattern: z.string().min(3).max(500), label: z.string().max(100).optional() });
export type CustomSite = z.infer<typeof CustomSiteSchema>;

/**
 * Every user setting, once: the type, the options page's patch
 * (utils/messaging/protocol.ts) and the administrator policy's setting keys
 * (policy.ts) are derived from this schema.
 */
export const SettingsSchema = z.object({
  /** Built-in site id → enabled. Missing means enabled. */
  sites: z.record(z.string().max(40), z.boolean()),
  /** Hosts the user paused (e.g. "acme.lightning.force.com"). */
  pausedHosts: z.array(z.string().max(255)).max(500),
  customSites: z.array(CustomSiteSchema).max(100),
  highlight: z.boolean(),
  hoverCard: z.boolean(),
  kinds: z.object({ account: z.boolean(), contact: z.boolean(), topic: z.boolean() }),
  /** The user's own person id in the graph ("me"). */
  meId: z.string().min(1).max(200).nullable(),
  /** Days the lookup log is kept. */
  logRetentionDays: z.number().int().min(0).max(3650),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A change the options page asks for: any subset of the settings, nothing else. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();

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
