/**
 * Validation of every message the background receives. Content scripts run
 * in pages the extension does not control, so their payloads are bounded and
 * checked before anything is done with them.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);
const kind = z.enum(['account', 'contact', 'topic']);
const tabId = z.number().int().nonnegative();

export const DetectedEntitySchema = z.object({
  kind,
  id,
  name: z.string().max(300),
  via: z.enum(['record', 'email', 'text']),
  focal: z.boolean().optional(),
  count: z.number().int().min(0).max(1_000_000),
});

export const SettingsPatchSchema = z
  .object({
    sites: z.record(z.string().max(40), z.boolean()),
    pausedHosts: z.array(z.string().max(255)).max(500),
    customSites: z.array(z.object({ pattern: z.string().min(3).max(500), label: z.string().max(100).optional() })).max(100),
    highlight: z.boolean(),
    hoverCard: z.boolean(),
    kinds: z.object({ account: z.boolean(), contact: z.boolean(), topic: z.boolean() }),
    meId: id.nullable(),
    logRetentionDays: z.number().int().min(0).max(3650),
  })
  .partial()
  .strict();

export const schemas = {
  pageHello: z.object({}).passthrough().optional(),
  getDictionary: z.object({ revision: z.string().max(100).nullable() }),
  reportEntities: z.object({
    adapter: z.string().min(1).max(40),
    entities: z.array(DetectedEntitySchema).max(2000),
    misses: z.array(z.string().max(120)).max(100).optional(),
    navigation: z.number().int().min(0),
  }),
  getTabView: z.object({ tabId }),
  searchPeople: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
  getGraphInfo: z.undefined().or(z.null()).or(z.object({}).strict()),
  loadDemoGraph: z.object({ scale: z.number().min(0.01).max(10).optional() }).optional(),
  deleteGraph: z.any(),
  setSitePaused: z.object({ tabId, paused: z.boolean() }),
  getEntityCard: z.object({ kind, id, tabId: tabId.optional() }),
  openSidePanel: z.object({ tabId: tabId.optional() }).optional(),
  dismissSuggestion: z.object({ personId: id, entityId: id, undo: z.boolean().optional() }),
  getEffectiveSettings: z.any(),
  updateSettings: SettingsPatchSchema,
  getLookupLog: z.any(),
  getDiagnostics: z.any(),
  deleteAllLocalData: z.any(),
} as const;

export class InvalidMessageError extends Error {}

export function validate<K extends keyof typeof schemas>(name: K, data: unknown): z.infer<(typeof schemas)[K]> {
  const r = schemas[name].safeParse(data);
  if (!r.success) throw new InvalidMessageError(`Invalid ${String(name)} message: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data as z.infer<(typeof schemas)[K]>;
}
