import { describe, expect, it } from 'vitest';
import { STORY } from '../../utils/demo/story';

describe('demo story', () => {
  it('references only ids it defines', () => {
    const people = new Set(STORY.people.map((p) => p.id));
    const accounts = new Set(STORY.accounts.map((a) => a.id));
    const contacts = new Set(STORY.contacts.map((c) => c.id));
    const topics = new Set(STORY.topics.map((t) => t.id));
    for (const i of STORY.interactions) {
      expect(people.has(i.personId), i.id).toBe(true);
      if (i.accountId) expect(accounts.has(i.accountId), i.id).toBe(true);
      if (i.contactId) expect(contacts.has(i.contactId), i.id).toBe(true);
      for (const t of i.topicIds ?? []) expect(topics.has(t), i.id).toBe(true);
    }
    for (const a of STORY.accounts) if (a.ownerId) expect(people.has(a.ownerId)).toBe(true);
  });
});
