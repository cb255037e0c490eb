/**
 * The service's tables as Kysely types (the DDL is in migrations.ts; one
 * place each). Ids are `text COLLATE "C"`: ordered by code point, as the
 * extension's IndexedDB orders them, so both rank in the same order.
 */
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Float = ColumnType<number, number, number>;

export interface GraphTables {
  people: {
    id: string;
    name: string;
    email: string | null;
    discoverable: boolean;
    country: string | null;
    department: string | null;
    location: string | null;
    skills: string[];
    record: Json;
  };
  accounts: { id: string; name: string; record: Json };
  contacts: { id: string; name: string; email: string | null; account_id: string | null; record: Json };
  topics: { id: string; label: string; record: Json };
  interactions: {
    seq: Generated<string>;
    id: string | null;
    person_id: string;
    kind: string;
    day: string;
    n: Float;
    d1: Float;
    d5: Float;
    one_way: Float;
    account_id: string | null;
    contact_id: string | null;
    topic_ids: string[];
    record: Json;
  };
  /** Evidence per (entity, person, kind): ranking.design.md's n, s1, s5, last, one-way; `ord` keeps first-appearance order. */
  evidence: {
    entity_id: string;
    entity_kind: string;
    /** For a contact's rows: its account (the account reads its contacts' evidence in the same query). */
    account_id: string | null;
    person_id: string;
    kind: string;
    ord: string;
    n: Float;
    s1: Float;
    s5: Float;
    last: string;
    one_way: Float;
    /** The source system and record link of the latest interaction (same day: the later in input order). */
    source: string | null;
    url: string | null;
  };
}

export interface Tables extends GraphTables {
  kenner_meta: { key: string; value: Json };
  dictionary: { kind: string; id: string; korder: number; rev: string; deleted: boolean; item: string | null; scope: string | null };
  audit: {
    at: ColumnType<Date, Date | string, never>;
    viewer: string;
    action: string;
    entity_ids: string[];
    shown: string[];
    results: number;
  };
}
