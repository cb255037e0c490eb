/**
 * The company graph model: the records of docs/graph-format.md (version 1)
 * as TypeScript types. Each record type is the output of its zod schema in
 * schema.ts (the one place a record's fields are written). Stored names are
 * the original ones; matching keys are derived (utils/spotting/normalize.ts)
 * and never shown.
 */
import type { z } from 'zod';
import {
  DIRECTIONS,
  EXTERNAL_SYSTEMS,
  INTERACTION_KINDS,
  TOPIC_KINDS,
  type PersonSummarySchema,
  type RecordOf,
  type RecordType,
} from './schema';

export const GRAPH_FORMAT = 'kenner-graph';
export const GRAPH_FORMAT_VERSION = 1;

export { INTERACTION_KINDS, TOPIC_KINDS };
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export type TopicKind = (typeof TOPIC_KINDS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type ExternalSystem = (typeof EXTERNAL_SYSTEMS)[number];

export type Person = RecordOf['person'];
export type Account = RecordOf['account'];
export type Contact = RecordOf['contact'];
export type Topic = RecordOf['topic'];
export type Interaction = RecordOf['interaction'];

/** A colleague as the UI shows them (never a non-discoverable one): PersonSummarySchema's output. */
export type PersonSummary = z.output<typeof PersonSummarySchema>;

/** The record types that interactions point at (and that edges are kept for). */
export type EntityKind = Exclude<RecordType, 'person' | 'interaction'>;

/** The whole graph in memory (demo generator output, small imports, tests). */
export interface Graph {
  people: Person[];
  accounts: Account[];
  contacts: Contact[];
  topics: Topic[];
  interactions: Interaction[];
}

export type GraphCounts = Record<keyof Graph, number>;

/** A record with its type, as in the NDJSON form of docs/graph-format.md. */
export type TypedRecord =
  | ({ type: 'person' } & Person)
  | ({ type: 'account' } & Account)
  | ({ type: 'contact' } & Contact)
  | ({ type: 'topic' } & Topic)
  | ({ type: 'interaction' } & Interaction);

/** Appends a typed record, without its `type`, to the graph's list of that kind. */
// A case per type keeps each record's own type (no cast); the cases look alike by design.
export function addRecord(g: Graph, r: TypedRecord): void {
  switch (r.type) {
    case 'person': {
      const { type: _t, ...rec } = r;
      g.people.push(rec);
      break;
    }
    case 'account': {
      const { type: _t, ...rec } = r;
      g.accounts.push(rec);
      break;
    }
    case 'contact': {
      const { type: _t, ...rec } = r;
      g.contacts.push(rec);
      break;
    }
    case 'topic': {
      const { type: _t, ...rec } = r;
      g.topics.push(rec);
      break;
    }
    case 'interaction': {
      const { type: _t, ...rec } = r;
      g.interactions.push(rec);
      break;
    }
  }
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
