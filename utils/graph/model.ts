/**
 * The company graph model: the records of docs/graph-format.md (version 1)
 * as TypeScript types. Stored names are the original ones; matching keys are
 * derived (utils/spotting/normalize.ts) and never shown.
 */
export const GRAPH_FORMAT = 'kenner-graph';
export const GRAPH_FORMAT_VERSION = 1;

export const INTERACTION_KINDS = [
  'deal-won',
  'deal-lost',
  'deal-open',
  'account-owner',
  'account-team',
  'case-resolved',
  'case-open',
  'meeting',
  'email',
  'call',
  'document',
  'community-answer',
  'endorsement',
  'self-declared',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const TOPIC_KINDS = ['product', 'technology', 'industry', 'problem', 'other'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export type Direction = 'inbound' | 'outbound' | 'both';

export const EXTERNAL_SYSTEMS = ['salesforce', 'hubspot', 'dynamics', 'zendesk', 'freshdesk'] as const;
export type ExternalSystem = (typeof EXTERNAL_SYSTEMS)[number];

export interface Person {
  id: string;
  name: string;
  email?: string;
  title?: string;
  department?: string;
  location?: string;
  country?: string;
  timezone?: string;
  languages?: string[];
  managerId?: string;
  skills?: string[];
  chat?: { teams?: string; slack?: string };
  photoUrl?: string;
  /** Default true; false means: never show this person to anyone. */
  discoverable?: boolean;
}

export interface Account {
  id: string;
  name: string;
  aliases?: string[];
  domains?: string[];
  industry?: string;
  country?: string;
  ownerId?: string;
  externalIds?: Partial<Record<ExternalSystem, string>> & Record<string, string>;
  url?: string;
}

export interface Contact {
  id: string;
  name: string;
  email?: string;
  accountId?: string;
  title?: string;
}

export interface Topic {
  id: string;
  label: string;
  aliases?: string[];
  kind?: TopicKind;
}

export interface Interaction {
  id?: string;
  personId: string;
  kind: InteractionKind;
  /** ISO 8601 date or date-time. */
  date: string;
  accountId?: string;
  contactId?: string;
  topicIds?: string[];
  direction?: Direction;
  count?: number;
  title?: string;
  url?: string;
  source?: string;
}

export type EntityKind = 'account' | 'contact' | 'topic';

/** The whole graph in memory (demo generator output, small imports, tests). */
export interface Graph {
  people: Person[];
  accounts: Account[];
  contacts: Contact[];
  topics: Topic[];
  interactions: Interaction[];
}

export interface GraphCounts {
  people: number;
  accounts: number;
  contacts: number;
  topics: number;
  interactions: number;
}

/** What the store knows about where the graph came from. */
export interface GraphMeta {
  source: 'demo' | 'import' | 'remote' | 'none';
  /** ISO date-time of the last load/import. */
  loadedAt: string;
  counts: GraphCounts;
  /** Changes whenever the graph changes; keys caches and the dictionary. */
  revision: string;
  /** File names of the last import, if any. */
  files?: string[];
}
