/** The Microsoft 365 connector (Graph client → ctx.fetch) against a fake Graph that answers as documented. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import m365, { microsoft365ConfigSchema, type Microsoft365Config } from '../../../server/connectors/microsoft365';
import { change, CLIENT_ID, CLIENT_SECRET, startMicrosoft365, TENANT_ID, type M365Fake } from './fakes/microsoft365';
import { collect, interactions, ofType, testContext } from './mail-context';

let fake: M365Fake;
beforeEach(async () => {
  fake = await startMicrosoft365();
  process.env.M365_SECRET = CLIENT_SECRET;
});
afterEach(async () => {
  await fake.close();
  delete process.env.M365_SECRET;
});

const config = (over: Partial<Microsoft365Config> = {}): Microsoft365Config =>
  microsoft365ConfigSchema.parse({ tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecretEnv: 'M365_SECRET', authorityUrl: fake.url, graphUrl: fake.url, ...over });
const userId = (local: string) => fake.tenant.users.find((u) => u.mail === `${local}@kenner-demo.example`)!.id;
const EXCLUDED = ['konstantin.adler@kenner-demo.example'];
const METTE = 'mette.hansen@havbryggen.dk';

describe('microsoft365 connector', () => {
  it('keeps only who/when with external participants: Lars’s meetings and mail with Mette, aggregated per day', async () => {
    const run = await collect(m365, testContext(config(), { excluded: EXCLUDED }));
    expect(run.error).toBeUndefined();
    const lars = userId('lars.moller');
    const ix = interactions(run);
    const meetings = ix.filter((i) => i.personId === lars && i.kind === 'meeting');
    expect(meetings).toHaveLength(5);
    expect(meetings.every((m) => m.externalEmails?.join() === METTE)).toBe(true);
    expect(meetings.map((m) => m.date).sort().at(-1)).toBe('2026-09-15');
    const inbound = ix.filter((i) => i.personId === lars && i.kind === 'email' && i.direction === 'inbound');
    expect(inbound.map((i) => [i.date, i.count, i.externalEmails])).toEqual([
      ['2026-09-10', 2, [METTE]],
      ['2026-10-02', 1, [METTE]],
    ]);
    expect(ix.filter((i) => i.personId === lars && i.direction === 'outbound').map((i) => [i.date, i.count])).toEqual([['2026-09-10', 1]]);
    // Internal-only mail and meetings, the private appointment and mail older than the look-back: nothing.
    expect(ix.every((i) => i.externalEmails?.every((e) => !e.endsWith('@kenner-demo.example')))).toBe(true);
    expect(ix.some((i) => i.externalEmails?.includes('kontakt@tandlaege-jensen.dk'))).toBe(false);
    expect(ix.some((i) => i.date < '2024-12-01')).toBe(false);
    // Sofie's outbound mail names both external recipients, one aggregate each.
    expect(ix.filter((i) => i.personId === userId('sofie.lindqvist') && i.direction === 'outbound').flatMap((i) => i.externalEmails)).toEqual(['h.ahlers@nordlicht-logistik.de', 's.krause@nordlicht-logistik.de']);
    // No subject, no body is stored.
    const text = JSON.stringify(run.upserts);
    for (const s of ['ORDRSP', 'EDI status', 'never read', 'Tandlæge']) expect(text).not.toContain(s);
    expect(ofType(run, 'person').map((p) => p.email).sort()).toEqual(['lars.moller', 'soeren.kjaergaard', 'sofie.lindqvist', 'zoe.vandenberg'].map((l) => `${l}@kenner-demo.example`));
  });

  it('selects only the documented metadata fields and never asks for an excluded mailbox', async () => {
    await collect(m365, testContext(config(), { excluded: EXCLUDED }));
    const mailReqs = fake.requests.filter((r) => r.path.includes('/messages/delta'));
    const firsts = mailReqs.filter((r) => r.query.get('$select'));
    expect(firsts.length).toBe(8);
    for (const r of firsts) {
      expect(r.query.get('$select')!.split(',').sort()).toEqual(['ccRecipients', 'from', 'receivedDateTime', 'sentDateTime', 'toRecipients']);
      expect(r.query.get('$filter')).toBe('receivedDateTime ge 2024-12-01T00:00:00Z');
    }
    const konstantin = userId('konstantin.adler');
    expect(fake.requests.some((r) => r.path.includes(konstantin))).toBe(false);
    const cal = fake.requests.find((r) => r.path.endsWith('/calendarView/delta'))!;
    expect(cal.query.get('startDateTime')).toBe('2024-12-01T00:00:00Z');
  });

  it('limits the mailboxes to a group’s transitive members', async () => {
    const run = await collect(m365, testContext(config({ groupId: '5e6bb0a6-52b4-4f8b-9d0b-4b1f3f6c9a11' })));
    expect(run.error).toBeUndefined();
    expect(fake.count('/v1.0/groups/')).toBe(1);
    expect(fake.count('/v1.0/users')).toBe(9); // no /users listing: 3 mailboxes × (inbox, sent items, calendar)
    expect(fake.requests.some((r) => r.path.includes(userId('zoe.vandenberg')))).toBe(false);
  });

  it('follows @odata.nextLink pages and stores the @odata.deltaLink', async () => {
    const run = await collect(m365, testContext(config({ pageSize: 1 }), { excluded: EXCLUDED }));
    expect(run.error).toBeUndefined();
    const lars = userId('lars.moller');
    const larsCal = fake.requests.filter((r) => r.path === `/v1.0/users/${lars}/calendarView/delta`);
    expect(larsCal.length).toBe(7); // 7 events in the window, one a page; the last page carries the deltaLink
    expect(larsCal.slice(1).every((r) => r.query.get('$skiptoken'))).toBe(true);
    expect(larsCal.every((r) => r.headers.prefer === 'odata.maxpagesize=1')).toBe(true);
    const stored = (run.cursor as Record<string, Record<string, { link: string }>>)[lars];
    expect(stored.inbox.link).toContain('$deltatoken=');
    expect(stored.calendar.link).toContain('$deltatoken=');
    expect(interactions(run).filter((i) => i.kind === 'meeting' && i.personId === lars)).toHaveLength(5);
  });

  it('gets a new app token when Graph says the token expired', async () => {
    const ctx = testContext(config(), { excluded: EXCLUDED });
    const seen: number[] = [];
    const it = m365.sync(ctx)[Symbol.asyncIterator]();
    await it.next();
    seen.push(fake.tokensIssued());
    fake.expireTokens();
    for (let r = await it.next(); !r.done; r = await it.next());
    expect(seen).toEqual([1]);
    expect(fake.tokensIssued()).toBe(2);
    expect(fake.requests.filter((r) => r.path.startsWith('/v1.0/')).length).toBe(1 + 4 * 3 + 1); // one request repeated after the 401
  });

  it('waits for Retry-After on 429 (Graph throttling) and goes on', async () => {
    fake.inject({ status: 429, headers: { 'retry-after': '17' }, body: { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } }, match: (r) => r.path.endsWith('/messages/delta') });
    const ctx = testContext(config(), { excluded: EXCLUDED });
    const run = await collect(m365, ctx);
    expect(run.error).toBeUndefined();
    expect(ctx.waits).toEqual([17_000]);
    expect(interactions(run).filter((i) => i.kind === 'email').length).toBe(7);
  });

  it('resumes after a 5xx mid-sync from the saved cursor without losing or counting twice', async () => {
    const full = interactions(await collect(m365, testContext(config({ pageSize: 1 }), { excluded: EXCLUDED })));
    const lars = userId('lars.moller');
    await fake.close();
    fake = await startMicrosoft365();
    let n = 0;
    fake.inject({ status: 503, times: 4, match: (r) => r.path === `/v1.0/users/${lars}/calendarView/delta` && ++n >= 4 });
    const first = await collect(m365, testContext(config({ pageSize: 1 }), { excluded: EXCLUDED }));
    expect(first.error).toBeTruthy();
    fake.requests.length = 0;
    const second = await collect(m365, testContext(config({ pageSize: 1 }), { excluded: EXCLUDED, cursor: first.cursor }));
    expect(second.error).toBeUndefined();
    const byId = new Map([...interactions(first), ...interactions(second)].map((i) => [i.id, i]));
    expect([...byId.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...full].sort((a, b) => a.id.localeCompare(b.id)));
    expect(interactions(first).length + interactions(second).length).toBe(full.length);
    // The rerun went on with Lars's calendar from its saved nextLink; his finished mail folders only asked their delta links (nothing new).
    const larsReqs = fake.requests.filter((r) => r.path.includes(lars));
    expect(larsReqs.filter((r) => r.path.endsWith('/calendarView/delta'))[0].query.get('$skiptoken')).toBeTruthy();
    expect(larsReqs.filter((r) => r.path.includes('/messages/')).every((r) => r.query.get('$deltatoken'))).toBe(true);
  });

  it('on the next run: new mail is added once, changed mail is not recounted, a removed meeting is a tombstone', async () => {
    const lars = userId('lars.moller');
    const first = await collect(m365, testContext(config(), { excluded: EXCLUDED }));
    const inbox = fake.tenant.mail[lars].inbox;
    const old = inbox.at(0);
    change(inbox, { ...old, isRead: false }); // a flag change: delta brings the message again
    change(inbox, { ...old, isRead: true }); // and again
    change(inbox, { ...old, id: 'AAMkAGI2TG93AAA99001=', receivedDateTime: '2026-11-20T08:00:00Z' });
    const events = fake.tenant.events[lars];
    change(events, { id: events.at(0).id, '@removed': { reason: 'deleted' } });
    const moved = events.at(1);
    change(events, { ...moved, start: { dateTime: '2026-11-24T09:00:00.0000000', timeZone: 'UTC' } });
    change(events, { ...moved, start: { dateTime: '2026-11-25T09:00:00.0000000', timeZone: 'UTC' } });
    const second = await collect(m365, testContext(config(), { excluded: EXCLUDED, cursor: first.cursor }));
    expect(second.error).toBeUndefined();
    const ix = interactions(second);
    expect(ix.filter((i) => i.kind === 'email')).toEqual([expect.objectContaining({ personId: lars, direction: 'inbound', date: '2026-11-20', count: 1, id: expect.stringMatching(/:r1$/) as unknown })]);
    expect(ix.filter((i) => i.kind === 'meeting')).toEqual([expect.objectContaining({ id: `microsoft365:event:${lars}:${moved.id}`, date: '2026-11-25' })]);
    expect(second.deletes).toContainEqual({ type: 'interaction', id: `microsoft365:event:${lars}:${events.at(0).id}` });
    // Only delta links were asked for: nothing was read twice.
    const secondReqs = fake.requests.slice(-12).filter((r) => r.path.includes('/delta'));
    expect(secondReqs.every((r) => r.query.get('$deltatoken'))).toBe(true);
  });
});
