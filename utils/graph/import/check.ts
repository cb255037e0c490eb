/**
 * One import's records, checked in order: each raw record is validated
 * (validate.ts), its references noted (references.ts), and handed to the
 * store's sink. Pure: the extension's importer (utils/store, IndexedDB) and
 * the company graph service's importer (server/, PostgreSQL) both read
 * through it, so the same file gives the same errors in both.
 */
import type { Account, Contact, GraphCounts, Interaction, Person, Topic } from '../model';
import { err, ErrorList } from './errors';
import type { RawRecord } from './records';
import { References, type LiveIds } from './references';
import { locator, validateRecord } from './validate';

/** Where checked records go (a store's staging area). */
export interface RecordSink {
  person(p: Person): void;
  account(a: Account): void;
  contact(c: Contact): void;
  topic(t: Topic): void;
  interaction(i: Interaction, line: number): void;
  /** Interactions staged so far (after the sink's own de-duplication, if any). */
  readonly interactions: number;
}

export class RecordChecker {
  records = 0;

  constructor(
    private readonly sink: RecordSink,
    readonly errors: ErrorList = new ErrorList(),
    /** The reference checks: in memory (the extension), or a store's own that keeps them elsewhere (the service's SQL). */
    readonly refs: References = new References(),
  ) {}

  add(raw: RawRecord, file: string): void {
    this.records++;
    const loc = locator(raw, file);
    const valid = validateRecord(raw, loc, this.errors);
    if (!valid) return;
    const { refs, sink } = this;
    switch (valid.type) {
      case 'person': {
        const p = valid.record;
        refs.define('person', p.id);
        if (p.email) refs.personEmail(p.email, p.id);
        refs.ref('person', p.managerId, 'managerId', loc);
        for (const s of p.skills ?? []) refs.ref('topic', s, 'skills', loc);
        return sink.person(p);
      }
      case 'account': {
        const a = valid.record;
        refs.define('account', a.id);
        refs.ref('person', a.ownerId, 'ownerId', loc);
        const owner = refs.ownerByEmail(a.id, a.ownerId, raw.value.ownerEmail, loc);
        if (owner) a.ownerId = owner;
        return sink.account(a);
      }
      case 'contact': {
        const c = valid.record;
        refs.define('contact', c.id);
        refs.ref('account', c.accountId, 'accountId', loc);
        return sink.contact(c);
      }
      case 'topic':
        refs.define('topic', valid.record.id);
        return sink.topic(valid.record);
      case 'interaction': {
        const i = valid.record;
        if (!i.accountId && !i.contactId && !i.topicIds?.length) {
          this.errors.add(err.needsTarget(loc()));
          return;
        }
        refs.ref('person', i.personId, 'personId', loc);
        refs.ref('account', i.accountId, 'accountId', loc);
        refs.ref('contact', i.contactId, 'contactId', loc);
        for (const tid of i.topicIds ?? []) refs.ref('topic', tid, 'topicIds', loc);
        return sink.interaction(i, raw.line);
      }
    }
  }

  /** What only the end of the input can tell (references, owners by email): errors, and the owners found by email afterwards. */
  resolve(live: LiveIds | null): Promise<Array<[string, string]>> {
    return this.refs.resolve(live, this.errors);
  }

  counts(): GraphCounts {
    const { refs } = this;
    return { people: refs.defined('person'), accounts: refs.defined('account'), contacts: refs.defined('contact'), topics: refs.defined('topic'), interactions: this.sink.interactions };
  }
}
