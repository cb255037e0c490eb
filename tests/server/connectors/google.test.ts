/** The Google Workspace connector (@googleapis/gmail and calendar over ctx.fetch) against a fake that answers as Google documents. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import google, { googleConfigSchema, type GoogleConfig } from '../../../server/connectors/google';
import { SERVICE_ACCOUNT, startGoogle, type GmailMessage, type GoogleFake } from './fakes/google';
import { collect, interactions, ofType, testContext } from './mail-context';

let fake: GoogleFake;
beforeEach(async () => {
  fake = await startGoogle();
  process.env.G_KEY = fake.privateKey;
});
afterEach(async () => {
  await fake.close();
  delete process.env.G_KEY;
});

const SOREN = 'soeren.kjaergaard@kenner-demo.example';
const SOFIE = 'sofie.lindqvist@kenner-demo.example';
const ANNA = 'a.weber@mueller-praezision.de';
const config = (over: Partial<GoogleConfig> = {}): GoogleConfig =>
  googleConfigSchema.parse({
    clientEmail: SERVICE_ACCOUNT,
    privateKeyEnv: 'G_KEY',
    mailboxes: [{ email: SOREN, name: 'Søren Kjærgaard' }, { email: SOFIE }],
    gmailRootUrl: `${fake.url}/`,
    calendarRootUrl: `${fake.url}/`,
    tokenUrl: `${fake.url}/token`,
    ...over,
  });
const mailGets = () => fake.requests.filter((r) => /\/messages\/[^/]+$/.test(r.path));
const newMail = (id: string, labels: string[], from: string, to: string, at: string): GmailMessage => ({
  id,
  threadId: id,
  labelIds: labels,
  internalDate: String(Date.parse(at)),
  payload: { headers: [{ name: 'From', value: from }, { name: 'To', value: to }, { name: 'Subject', value: 'secret subject' }] },
});

describe('google connector', () => {
  it('keeps who/when with external participants: Søren’s mail with Anna per day, Sofie’s meeting; nothing internal, private or drafted', async () => {
    const run = await collect(google, testContext(config()));
    expect(run.error).toBeUndefined();
    const ix = interactions(run);
    expect(ix.filter((i) => i.personId === SOREN).sort((a, b) => a.date.localeCompare(b.date)).map((i) => [i.direction, i.date, i.count, i.externalEmails])).toEqual([
      ['outbound', '2026-01-10', 3, [ANNA]],
      ['inbound', '2026-01-11', 1, [ANNA]],
    ]);
    expect(ix.filter((i) => i.personId === SOFIE && i.kind === 'meeting')).toEqual([expect.objectContaining({ date: '2026-10-10', externalEmails: [ANNA] })]);
    expect(ix.some((i) => i.date === '2026-10-12' || i.date === '2026-10-11')).toBe(false);
    expect(run.deletes.map((d) => d.id).sort()).toEqual(['google:event:sofie.lindqvist@kenner-demo.example:7k1q0002abcd', 'google:event:sofie.lindqvist@kenner-demo.example:7k1q0003abcd']);
    const text = JSON.stringify(run.upserts);
    for (const s of ['Angebot', 'never read', 'Dinner', 'resource.calendar']) expect(text).not.toContain(s);
    expect(ofType(run, 'person').map((p) => [p.email, p.name])).toEqual([
      [SOREN, 'Søren Kjærgaard'],
      [SOFIE, SOFIE],
    ]);
  });

  it('asks for metadata with only From, To, Cc, Date, for the two read scopes, and only the event fields it needs', async () => {
    await collect(google, testContext(config()));
    expect(mailGets().length).toBeGreaterThan(0);
    for (const r of mailGets()) {
      expect(r.query.get('format')).toBe('metadata');
      expect(r.query.getAll('metadataHeaders')).toEqual(['From', 'To', 'Cc', 'Date']);
    }
    expect(fake.requests.some((r) => r.query.has('q'))).toBe(false);
    const ev = fake.requests.find((r) => r.path.endsWith('/events'))!;
    expect(ev.query.get('fields')).toBe('items(id,status,visibility,start,organizer(email),attendees(email,resource)),nextPageToken,nextSyncToken');
    expect(fake.issued).toEqual({ [SOREN]: 1, [SOFIE]: 1 }); // one delegated token per mailbox, the fake checked its scopes
  });

  it('never fetches an excluded mailbox, and stops listing at mail older than the look-back', async () => {
    const run = await collect(google, testContext(config(), { excluded: [SOREN] }));
    expect(run.error).toBeUndefined();
    expect(fake.issued[SOREN]).toBeUndefined();
    expect(interactions(run).some((i) => i.personId === SOREN)).toBe(false);
    await collect(google, testContext(config({ pageSize: 2 }), { since: '2026-01-11T00:00:00Z' }));
    const soren = fake.requests.filter((r) => r.path === '/gmail/v1/users/me/messages' && String(r.headers.authorization).includes(SOREN));
    expect(soren.length).toBeLessThan(4); // 7 messages, 2 a page: the page of older mail ends the listing
  });

  it('pages through messages and events, saving the calendar cursor per page', async () => {
    const run = await collect(google, testContext(config({ pageSize: 1 })));
    expect(run.error).toBeUndefined();
    expect(fake.requests.filter((r) => r.path.endsWith('/events') && r.query.get('pageToken')).length).toBe(2);
    const c = run.cursor as Record<string, { calendar: { syncToken?: string }; gmail: { historyId: string } }>;
    expect(c[SOFIE].calendar.syncToken).toBeTruthy();
    expect(c[SOREN].gmail.historyId).toBe('4100');
    expect(interactions(run).filter((i) => i.personId === SOREN)).toHaveLength(2);
  });

  it('gets a new delegated token when Google refuses the old one', async () => {
    const it = google.sync(testContext(config()))[Symbol.asyncIterator]();
    await it.next(); // people
    await it.next(); // Søren's mail round
    fake.expireTokens();
    let r = await it.next();
    for (; !r.done; r = await it.next());
    expect(fake.issued[SOREN]).toBe(2);
    expect(fake.requests.filter((q) => q.path === '/token')).toHaveLength(3);
  });

  it('waits for Retry-After on 429 without the library retrying on its own', async () => {
    fake.inject({ status: 429, headers: { 'retry-after': '3' }, body: { error: { code: 429, message: 'Too many concurrent requests for user', errors: [{ message: 'Too many concurrent requests for user', domain: 'global', reason: 'rateLimitExceeded' }], status: 'RESOURCE_EXHAUSTED' } }, match: (r) => r.path.startsWith('/gmail/v1/users/me/messages/') });
    const ctx = testContext(config());
    const run = await collect(google, ctx);
    expect(run.error).toBeUndefined();
    expect(ctx.waits).toEqual([3000]);
    expect(ctx.fetch.stats).toMatchObject({ throttled: 1, retries: 1 });
    // gaxios did not retry on its own: the refused request was sent exactly twice, both through ctx.fetch.
    const gets = mailGets().map((r) => `${String(r.headers.authorization)} ${r.path}`);
    expect(gets.length - new Set(gets).size).toBe(1);
    expect(ctx.fetch.stats.requests).toBe(fake.requests.length);
    expect(interactions(run).filter((i) => i.kind === 'email')).toHaveLength(3);
  });

  it('resumes after a 5xx from the saved cursor: the finished mailbox is not read again', async () => {
    fake.inject({ status: 500, times: 4, match: (r) => r.path.endsWith('/events') && String(r.headers.authorization).includes(SOFIE) });
    const first = await collect(google, testContext(config()));
    expect(first.error).toBeTruthy();
    fake.requests.length = 0;
    const second = await collect(google, testContext(config(), { cursor: first.cursor }));
    expect(second.error).toBeUndefined();
    // Søren's mail continues from its history id (nothing new), Sofie's calendar from the start of its round.
    expect(fake.requests.some((r) => r.path === '/gmail/v1/users/me/history' && String(r.headers.authorization).includes(SOREN))).toBe(true);
    expect(interactions(second).filter((i) => i.personId === SOREN)).toHaveLength(0);
    expect(interactions(second).filter((i) => i.kind === 'meeting')).toHaveLength(1);
  });

  it('on the next run: new mail counts once, history loss does not recount, a cancelled event is a tombstone, a moved one comes once', async () => {
    const first = await collect(google, testContext(config()));
    fake.addMessage(SOREN, newMail('18dnew0001', ['INBOX'], `Anna Weber <${ANNA}>`, SOREN, '2026-11-20T08:00:00Z'));
    const ev = fake.tenant.mailboxes[SOFIE].events[0];
    fake.changeEvent(SOFIE, { ...ev, start: { dateTime: '2026-11-24T10:00:00+01:00' } });
    fake.changeEvent(SOFIE, { ...ev, start: { dateTime: '2026-11-25T10:00:00+01:00' } });
    const second = await collect(google, testContext(config(), { cursor: first.cursor }));
    expect(interactions(second).filter((i) => i.kind === 'email')).toEqual([expect.objectContaining({ personId: SOREN, date: '2026-11-20', count: 1, id: expect.stringMatching(/:r1$/) as unknown })]);
    expect(interactions(second).filter((i) => i.kind === 'meeting')).toEqual([expect.objectContaining({ id: `google:event:${SOFIE}:${ev.id}`, date: '2026-11-25' })]);
    // The history expires and the sync token too: a listing after the newest counted mail, a full calendar sync.
    fake.addMessage(SOREN, newMail('18dnew0002', ['SENT'], SOREN, ANNA, '2026-11-21T08:00:00Z'));
    fake.dropHistory(SOREN);
    fake.changeEvent(SOFIE, { ...ev, status: 'cancelled' });
    fake.expireSyncTokens();
    const third = await collect(google, testContext(config(), { cursor: second.cursor }));
    expect(third.error).toBeUndefined();
    expect(interactions(third).filter((i) => i.kind === 'email')).toEqual([expect.objectContaining({ direction: 'outbound', date: '2026-11-21', count: 1 })]);
    expect(third.deletes).toContainEqual({ type: 'interaction', id: `google:event:${SOFIE}:${ev.id}` });
  });
});
