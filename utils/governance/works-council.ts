/**
 * Works-council mode (issue 15): the one administrator policy key
 * `worksCouncil` (utils/settings/policy.ts, public/managed_schema.json) and,
 * for the company graph service, the KENNER_WORKS_COUNCIL_* environment
 * (server/config.ts), both parsed by schema.ts. Pure and without zod (light
 * entry points read it): shared by the extension and the service.
 */
export const COLLEAGUE_DEFAULTS = ['shown-unless-opted-out', 'shown-once-opted-in'] as const;
export type ColleagueDefault = (typeof COLLEAGUE_DEFAULTS)[number];

/** The policy value as an administrator writes it (its zod schema: schema.ts). */
export interface WorksCouncilPolicy {
  enabled: boolean;
  /** Any aggregate is shown only for groups of at least this many people (default 5). */
  minGroupSize?: number;
  /** Interactions older than this many months are not evidence. */
  lookBackMonths?: number;
  /** The most days any log of lookups (the extension's lookup log, the service's audit) is kept. */
  retentionDays?: number;
  colleagueDefault?: ColleagueDefault;
}

/** The policy with every default filled in; `enabled: false` is today's Kenner. */
export interface WorksCouncil {
  enabled: boolean;
  minGroupSize: number;
  lookBackMonths: number | null;
  retentionDays: number | null;
  colleagueDefault: ColleagueDefault;
}

export const DEFAULT_MIN_GROUP_SIZE = 5;

export const WORKS_COUNCIL_OFF: WorksCouncil = {
  enabled: false,
  minGroupSize: DEFAULT_MIN_GROUP_SIZE,
  lookBackMonths: null,
  retentionDays: null,
  colleagueDefault: 'shown-unless-opted-out',
};

/** The mode in force for a policy value (absent or `enabled: false`: off, whatever else it says). */
export function worksCouncil(p: WorksCouncilPolicy | undefined | null): WorksCouncil {
  if (!p?.enabled) return WORKS_COUNCIL_OFF;
  return {
    enabled: true,
    minGroupSize: p.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    lookBackMonths: p.lookBackMonths ?? null,
    retentionDays: p.retentionDays ?? null,
    colleagueDefault: p.colleagueDefault ?? 'shown-unless-opted-out',
  };
}

/** Days a log of lookups is kept: the requested days, at most the mode's cap. */
export function cappedRetentionDays(requested: number, wc: WorksCouncil): number {
  return wc.enabled && wc.retentionDays !== null ? Math.min(requested, wc.retentionDays) : requested;
}

/**
 * The mode from a raw managed-storage value, without zod (light entry points:
 * side panel, popup, hover card): absent or `enabled: false` is off; anything
 * else, even a value the policy parser refuses, is on (fail closed, as
 * utils/settings/policy.ts).
 */
export function worksCouncilFromRaw(raw: unknown): WorksCouncil {
  if (raw === undefined || raw === null) return WORKS_COUNCIL_OFF;
  if (typeof raw === 'object' && (raw as { enabled?: unknown }).enabled === false) return WORKS_COUNCIL_OFF;
  const o = (typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const int = (v: unknown, min: number, max: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined);
  return worksCouncil({
    enabled: true,
    minGroupSize: int(o.minGroupSize, 2, 1000),
    lookBackMonths: int(o.lookBackMonths, 1, 120),
    retentionDays: int(o.retentionDays, 0, 3650),
    colleagueDefault: o.colleagueDefault === 'shown-once-opted-in' ? 'shown-once-opted-in' : undefined,
  });
}
