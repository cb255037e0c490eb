/**
 * The facts every language states, derived once from the configuration: so
 * that the five templates cannot disagree about what is evaluated.
 */
import type { TransparencyConfig } from './types';
import { aggregateShown } from '../governance/min-group';

export const INTERACTION_KINDS_EXTERNAL = ['deal-won', 'deal-open', 'deal-lost', 'account-owner', 'account-team', 'meeting', 'call', 'email', 'case-resolved', 'case-open'] as const;
export const INTERACTION_KINDS_INTERNAL = ['document', 'community-answer', 'endorsement', 'self-declared'] as const;

export interface Facts {
  wc: boolean;
  /** Internal-only evidence counts (mode off). */
  internalEvidence: boolean;
  lookBackMonths: number | null;
  minGroup: number;
  optIn: boolean;
  lookupLogDays: number | null;
  auditDays: number | null;
  /** The review's counts may be shown (group large enough). */
  reviewShown: boolean;
}

export function factsOf(c: TransparencyConfig): Facts {
  const wc = c.worksCouncil;
  return {
    wc: wc.enabled,
    internalEvidence: !wc.enabled,
    lookBackMonths: wc.enabled ? wc.lookBackMonths : null,
    minGroup: wc.minGroupSize,
    optIn: wc.enabled && wc.colleagueDefault === 'shown-once-opted-in',
    lookupLogDays: c.retention.lookupLogDays ?? null,
    auditDays: c.retention.auditDays ?? null,
    reviewShown: !!c.review && aggregateShown(c.review.people, wc.enabled ? wc : { enabled: true, minGroupSize: wc.minGroupSize }),
  };
}

/** A Markdown table of the fields read per record type. */
export function fieldTable(c: TransparencyConfig, head: [string, string], names: Record<string, string>): string {
  const rows = (Object.keys(c.fields) as Array<keyof TransparencyConfig['fields']>).map((k) => `| ${names[k] ?? k} | ${c.fields[k].map((f) => `\`${f}\``).join(', ')} |`);
  return [`| ${head[0]} | ${head[1]} |`, '| --- | --- |', ...rows].join('\n');
}
