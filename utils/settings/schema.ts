/**
 * Every user setting, once, in zod: the type, the options page's patch (the
 * message schemas, utils/messaging/messages.ts) and the administrator
 * policy's setting keys (policy.ts) are derived from this schema. Kept apart
 * from items.ts so that the content script, which reads settings, does not
 * load zod.
 */
import { z } from 'zod';

/** A site the company adds: a match pattern such as https://crm.example.com/* and a label. */
export const CustomSiteSchema = z.object({ pattern: z.string().min(3).max(500), label: z.string().max(100).optional() });
export type CustomSite = z.infer<typeof CustomSiteSchema>;

/**
 * A tenant host of a multi-tenant built-in site (Salesforce, Dynamics 365,
 * Zendesk, Freshdesk): `acme.zendesk.com`, or `*.acme.my.salesforce.com`
 * for every host under it. Lower case, no scheme, no path.
 */
export const TenantHostSchema = z
  .string()
  .max(253)
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'must be a host name such as acme.zendesk.com or *.acme.my.salesforce.com');

/**
 * Every user setting, once (see the header of this file).
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
  /**
   * The company's own tenants of the multi-tenant built-in sites. Empty: any
   * tenant. Otherwise Kenner runs on those sites only on these hosts (other
   * tenants, such as another company's help centre, get nothing).
   */
  tenants: z.array(TenantHostSchema).max(200),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A change the options page asks for: any subset of the settings, nothing else. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
