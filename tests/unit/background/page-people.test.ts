// @vitest-environment node
/**
 * Issue 11, "Me is known" and "Already involved": every demo page read by its
 * adapter (tests/pages, the saved CRM and mail pages) names its signed-in user
 * and the colleagues already on it; resolved against the demo story's people
 * they give the page's "me" and its involved colleagues with their roles.
 * Customer addresses never leave the page report.
 */
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { resolvePagePeople, type PeopleLookup } from '../../../utils/background/handlers/entities';
import { normalizeKey } from '../../../utils/text/normalize';
import type { Person } from '../../../utils/graph/model';
import { loadPage } from '../sites/harness';

const storyLookup: PeopleLookup = {
  byEmail: async (email) => STORY.people.find((p) => p.email?.toLowerCase() === email.toLowerCase()),
  byName: async () => {
    const m = new Map<string, Person[]>();
    for (const p of STORY.people) m.set(normalizeKey(p.name), [...(m.get(normalizeKey(p.name)) ?? []), p]);
    return m;
  },
};

/** Page → the signed-in user (null: the page does not show one) and who is already on it, by role. */
const EXPECTED: Record<string, { me: string | null; involved: Record<string, string[]> }> = {
  'dynamics/account': { me: 'p-asa', involved: {} }, // the owner is the signed-in user
  'freshdesk/ticket': { me: 'p-oliver', involved: {} }, // the agent is the signed-in user
  'gmail/inbox': { me: 'p-sofie', involved: {} }, // a list: nobody is on an open message
  'gmail/thread': { me: 'p-sofie', involved: { 'p-joerg': ['sender', 'recipient'] } },
  'hubspot/company': { me: 'p-zoe', involved: {} },
  'outlook/reading-pane': { me: 'p-asa', involved: { 'p-sofie': ['recipient'] } },
  'salesforce/account': { me: null, involved: { 'p-joerg': ['owner'] } },
  'salesforce/opportunity': { me: null, involved: { 'p-sofie': ['owner'] } },
  'zendesk/ticket': { me: 'p-lars', involved: {} }, // the assignee is the signed-in agent
};

describe.each(Object.keys(EXPECTED))('people on demo page %s', (page) => {
  it('names the signed-in user and the colleagues already on it, never a customer address', async () => {
    const { engine, dom } = await loadPage(page);
    try {
      const r = await engine.reportNow();
      const companyDomain = (e: string) => e.endsWith('@kenner-demo.example');
      for (const p of r.people ?? []) if (p.email) expect(companyDomain(p.email), p.email).toBe(true);
      const found = await resolvePagePeople(r.people ?? [], storyLookup);
      const want = EXPECTED[page];
      expect(found.pageMe?.id ?? null).toBe(want.me);
      expect(Object.fromEntries(found.involved.map((x) => [x.person.id, [...x.roles].sort()]))).toEqual(
        Object.fromEntries(Object.entries(want.involved).map(([id, roles]) => [id, [...roles].sort()])),
      );
      if (want.me) expect(found.involved.map((x) => x.person.id)).not.toContain(want.me);
    } finally {
      engine.dispose();
      dom.window.close();
    }
  });
});

describe('resolvePagePeople', () => {
  it('drops non-discoverable colleagues and names that several colleagues share', async () => {
    const people: Person[] = [
      { id: 'p-a', name: 'Alex Berg', email: 'alex@co.example' },
      { id: 'p-b', name: 'Alex Berg', email: 'alex.b@co.example' },
      { id: 'p-h', name: 'Hidden One', email: 'hidden@co.example', discoverable: false },
      { id: 'p-m', name: 'Mia Me', email: 'mia@co.example' },
    ];
    const lookup: PeopleLookup = {
      byEmail: async (e) => people.find((p) => p.email === e),
      byName: async () => {
        const m = new Map<string, Person[]>();
        for (const p of people) m.set(normalizeKey(p.name), [...(m.get(normalizeKey(p.name)) ?? []), p]);
        return m;
      },
    };
    const r = await resolvePagePeople(
      [
        { role: 'owner', name: 'Alex Berg' },
        { role: 'cc', email: 'hidden@co.example' },
        { role: 'me', email: 'mia@co.example' },
        { role: 'recipient', email: 'mia@co.example' },
        { role: 'sender', email: 'alex.b@co.example' },
      ],
      lookup,
    );
    expect(r.pageMe?.id).toBe('p-m');
    expect(r.involved.map((x) => [x.person.id, x.roles])).toEqual([['p-b', ['sender']]]);
  });
});
