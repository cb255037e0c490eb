/**
 * The live configuration a transparency document is written from
 * (transparency.design.md). The options page fills it from the effective
 * settings and policy, the graph's meta and the lookup log; the service from
 * its environment, the graph's meta and the audit. Nothing here names a person.
 */
import type { WorksCouncil } from '../governance/works-council';

export const DOC_IDS = ['processing', 'notice', 'dpia', 'annex', 'dk-notice', 'review'] as const;
export type DocId = (typeof DOC_IDS)[number];

export const DOC_LANGS = ['en', 'de', 'nl', 'da', 'sv'] as const;
export type DocLang = (typeof DOC_LANGS)[number];

/** Record types of the graph and their fields Kenner reads (docs/graph-format.md). */
export type RecordKind = 'person' | 'account' | 'contact' | 'topic' | 'interaction';

export interface SourceInfo {
  /** What it is, as the administrator knows it: "Salesforce", "CSV import (accounts.csv)", "Company graph service https://…". */
  name: string;
  /** The record types it delivers. */
  records: RecordKind[];
}

export interface TransparencyConfig {
  /** ISO date-time the document is written at. */
  generatedAt: string;
  /** Who runs it: the browser extension alone, or with the company graph service. */
  deployment: 'extension' | 'service';
  /** The organisation (controller), when known. */
  controller?: string;
  sources: SourceInfo[];
  /** The fields read per record type (the graph format's). */
  fields: Record<RecordKind, string[]>;
  worksCouncil: WorksCouncil;
  retention: {
    /** Days the extension's lookup log is kept (0: none). */
    lookupLogDays?: number;
    /** Days the service's audit entries are kept. */
    auditDays?: number;
  };
  /** Who can see what. */
  access: {
    /** Number of people who may export the audit (service). */
    auditors?: number;
    /** Number of people who may import a graph (service). */
    admins?: number;
    /** Colleagues visible only within their own value of this field (service KENNER_VISIBILITY). */
    restrictedBy?: string | null;
    /** Users may import their own graph file (extension policy). */
    userImport?: boolean;
  };
  /** The yearly review's counts; no individual data. */
  review?: {
    from: string;
    to: string;
    lookups: number;
    /** Colleagues who opted out (not discoverable, or consent withdrawn). */
    optOuts: number;
    /** Distinct people behind the counts (for the minimum group size). */
    people: number;
  };
}

/** Formatting in the document's language (Intl). */
export interface Fmt {
  date(iso: string): string;
  number(n: number): string;
  list(items: readonly string[]): string;
}

/** What a language module provides: every document as Markdown, from the configuration and the formatters. */
export type LanguageTemplates = Record<DocId, (c: TransparencyConfig, f: Fmt) => string> & {
  /** Document titles (for file names, the options page's list and the PDF's title). */
  titles: Record<DocId, string>;
};
