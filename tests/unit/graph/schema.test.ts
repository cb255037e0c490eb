import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERACTION_KINDS } from '../../../utils/graph/model';
import { CSV_COLUMNS } from '../../../utils/graph/csv-columns';
import { accountSchema, fastInteraction, interactionSchema, normalizeDomain, PERSON_SUMMARY_FIELDS, personSchema, PersonSummarySchema, RECORD_FIELDS, REQUIRED_FIELDS } from '../../../utils/graph/schema';

const strip = (o: Record<string, unknown>): unknown => JSON.parse(JSON.stringify(o));

describe('record schemas', () => {
  it('the fast interaction check agrees with the zod schema whenever it answers', () => {
    const junk = fc.constantFrom<unknown>('', null, undefined, ' x ', 7, '  ');
    const messy = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 6 }, { arbitrary: junk, weight: 1 });
    const arb = fc.record(
      {
        personId: messy(fc.constantFrom('p-1', 'p 2', ' p-3')),
        kind: messy(fc.constantFrom(...INTERACTION_KINDS, 'Meeting', ' email')),
        date: messy(fc.constantFrom('2025-01-02', '2025-13-01', '2025-01-02T10:00:00Z', '2025-01-02 10:00', '2025-1-2', ' 2025-01-02')),
        id: messy(fc.constantFrom('i-1', ' i-2')),
        accountId: messy(fc.constantFrom('a-1', 'a-2 ')),
        contactId: messy(fc.constant('c-1')),
        topicIds: messy(fc.oneof(fc.constantFrom('t-1|t-2', 't-1| |t-2 ', '|'), fc.array(fc.oneof(fc.constantFrom('t-1', ' t-2', ''), fc.integer()), { maxLength: 3 }))),
        direction: messy(fc.constantFrom('inbound', 'outbound', 'both', 'sideways')),
        count: messy(fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constantFrom('3', ' 4 ', '1.5', '0'), fc.double())),
        title: messy(fc.string()),
        source: messy(fc.string()),
        url: messy(fc.constantFrom('https://crm.example/x', ' https://x.example ', 'ftp://x', 'not a url')),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    let answered = 0;
    fc.assert(
      fc.property(arb, (v) => {
        const fast = fastInteraction(v);
        const slow = interactionSchema.safeParse(v);
        if (fast === null) return;
        answered++;
        expect(slow.success).toBe(true);
        expect(fast).toEqual(strip(slow.data as Record<string, unknown>));
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(0);
  });

  it('answers the common case itself', () => {
    expect(fastInteraction({ type: 'interaction', personId: 'p', kind: 'email', date: '2025-01-02', accountId: 'a', topicIds: 't1|t2', count: '2', direction: 'both' })).toEqual({
      personId: 'p',
      kind: 'email',
      date: '2025-01-02',
      accountId: 'a',
      topicIds: ['t1', 't2'],
      count: 2,
      direction: 'both',
    });
  });

  it('normalises domains from web addresses and emails, and rejects what is not a domain', () => {
    expect(normalizeDomain('https://www.Acme.com/about')).toBe('acme.com');
    expect(normalizeDomain('sales@acme.de')).toBe('acme.de');
    expect(accountSchema.safeParse({ id: 'a', name: 'A', domains: 'acme.com|Müller-Präzision.de' }).data?.domains).toEqual(['acme.com', 'müller-präzision.de']);
    for (const bad of ['acme..com', 'acme', '-acme.com', 'acme.c', 'ac me.com']) expect(accountSchema.safeParse({ id: 'a', name: 'A', domains: [bad] }).success, bad).toBe(false);
  });

  it('reads CSV-style values: booleans, lists, language tags, countries', () => {
    const p = personSchema.safeParse({ id: ' p-1 ', name: 'Jörg', discoverable: 'No', languages: 'de | en-GB', country: 'de', email: 'J@X.DE' });
    expect(p.data).toMatchObject({ id: 'p-1', name: 'Jörg', discoverable: false, languages: ['de', 'en-GB'], country: 'DE', email: 'j@x.de' });
    expect(personSchema.safeParse({ id: 'p', name: 'x', languages: 'english please' }).success).toBe(false);
    expect(personSchema.safeParse({ id: 'p', name: 'x', discoverable: 'maybe' }).success).toBe(false);
    expect(personSchema.safeParse({ id: 'p', name: 'x', country: 'DEU' }).success).toBe(false);
  });
});

describe('field lists read off the schemas', () => {
  it('lists the fields of every record type in schema order, nested ones dotted, and the required ones', () => {
    expect(RECORD_FIELDS).toEqual({
      person: ['id', 'name', 'email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'managerId', 'skills', 'chat.teams', 'chat.slack', 'photoUrl', 'phone', 'awayUntil', 'discoverable'],
      account: ['id', 'name', 'aliases', 'domains', 'industry', 'country', 'ownerId', 'externalIds.salesforce', 'externalIds.hubspot', 'externalIds.dynamics', 'externalIds.zendesk', 'externalIds.freshdesk', 'url'],
      contact: ['id', 'name', 'email', 'accountId', 'title'],
      topic: ['id', 'label', 'aliases', 'kind'],
      interaction: ['id', 'personId', 'kind', 'date', 'accountId', 'contactId', 'topicIds', 'direction', 'count', 'title', 'url', 'source'],
    });
    expect(REQUIRED_FIELDS).toEqual({
      person: ['id', 'name'],
      account: ['id', 'name'],
      contact: ['id', 'name'],
      topic: ['id', 'label'],
      interaction: ['personId', 'kind', 'date'],
    });
    expect(CSV_COLUMNS).toBe(RECORD_FIELDS);
  });

  it('a person summary is the person record without managerId, skills and discoverable', () => {
    expect(Object.keys(PersonSummarySchema.shape)).toEqual([...PERSON_SUMMARY_FIELDS]);
    expect(Object.keys(personSchema.shape).filter((f) => !(PERSON_SUMMARY_FIELDS as readonly string[]).includes(f))).toEqual(['managerId', 'skills', 'discoverable']);
    expect(PersonSummarySchema.parse({ id: 'p', name: 'P', managerId: 'm', country: 'de' })).toEqual({ id: 'p', name: 'P', country: 'DE' });
  });
});
