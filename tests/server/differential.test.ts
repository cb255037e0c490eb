/**
 * The service ranks exactly as the extension does: the same demo graph is
 * imported into the extension's local store (IndexedDB, through its
 * importer) and into the service's database, and random pages (sets of
 * accounts, contacts and topics, some focal, some in the open message) get the same suggestions from
 * both: the same people in the same order with the same scores, strengths,
 * reasons, roles and hints. And again in works-council mode (only
 * interactions with an account or a contact, none older than the look-back),
 * where the rule is applied by each writer: the extension's EdgeAccumulator
 * and the service's evidence SQL.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importFiles } from '../../server/graph/ingest';
import { recomputeEvidence } from '../../server/graph/commit';
import { evidenceRuleChanged, readGraphMeta } from '../../server/graph/meta';
import { RankCache, rankForViewer, type RankRequestEntity } from '../../server/graph/rank';
import { demoInput } from '../../server/graph/sources';
import type { Database } from '../../server/db/database';
import { generateDemoRecords } from '../../utils/demo/generate';
import type { EntityKind } from '../../utils/graph/model';
import { createLocalSource } from '../../utils/sources/local';
import { importGraphRecords } from '../../utils/store/importer';
import type { DetectedEntity } from '../../utils/spotting/types';
import { driver, testDatabase } from './support';
import { evidenceRule, type EvidenceRule } from '../../utils/governance/evidence';
import { worksCouncil } from '../../utils/governance/works-council';
import { writePreferences } from '../../server/graph/preferences';
import { applyPreferences, type PreferenceMap } from '../../utils/ranking/preferences';

const SCALE = 0.3;
const REF = Date.parse('2026-06-01T00:00:00Z');
const NOW = Date.parse('2026-09-15T10:00:00Z');

const MODES: Array<{ name: string; rule?: (refTime: number) => EvidenceRule; runs: number }> = [
  { name: 'all evidence', runs: 60 },
  { name: 'works-council mode', rule: (refTime) => evidenceRule(worksCouncil({ enabled: true, lookBackMonths: 18 }), refTime), runs: 40 },
];

describe.each(MODES)(`the service's ranking equals the extension's (${driver}, $name)`, ({ rule, runs }) => {
  let d: Database;
  const ids: Record<EntityKind, Array<{ id: string; name: string }>> = { account: [], contact: [], topic: [] };
  let people: string[] = [];
  beforeAll(async () => {
    d = await testDatabase();
    const server = await importFiles(d.db, [demoInput(SCALE)], { refTime: REF, evidence: rule });
    expect(server.ok).toBe(true);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(REF);
    const local = await importGraphRecords(generateDemoRecords({ scale: SCALE }), { evidence: rule });
    vi.useRealTimers();
    expect(local.ok).toBe(true);
    expect(local.counts).toEqual(server.counts);
    // Entities with evidence, and some without, from every kind.
    const rows = await sql<{ kind: EntityKind; id: string; name: string }>`
      (SELECT 'account' AS kind, id, name FROM accounts ORDER BY id LIMIT 400)
      UNION ALL (SELECT 'contact', id, name FROM contacts ORDER BY id LIMIT 400)
      UNION ALL (SELECT 'topic', id, label FROM topics)`.execute(d.db);
    for (const r of rows.rows) ids[r.kind].push({ id: r.id, name: r.name });
    people = (await sql<{ id: string }>`SELECT id FROM people ORDER BY id LIMIT 50`.execute(d.db)).rows.map((r) => r.id);
  }, 300_000);
  afterAll(async () => {
    await d?.close();
  });

  const entity = (kind: EntityKind) => fc.record({ kind: fc.constant(kind), pick: fc.nat(), focal: fc.boolean(), open: fc.boolean() });
  it('gives the same suggestions for random pages', async () => {
    const local = createLocalSource();
    const viewer = { email: 'someone@elsewhere.example' };
    // The service's production path: its process-wide cache, filled by earlier pages (as the extension's caches are).
    const cache = new RankCache().use('demo');
    let compared = 0;
    let withOrigin = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(entity('account'), entity('contact'), entity('topic')), { minLength: 1, maxLength: 20 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.integer({ min: 1, max: 30 }),
        async (picks, mePick, limit) => {
          const chosen = picks.map((p) => ({ ...ids[p.kind][p.pick % ids[p.kind].length], kind: p.kind, focal: p.focal, open: p.open }));
          const me = mePick === undefined ? undefined : people[mePick % people.length];
          const detected: DetectedEntity[] = chosen.map((c) => ({ kind: c.kind, id: c.id, name: c.name, via: 'record', focal: c.focal, ...(c.open ? { open: true } : {}), count: 1 }));
          const request: RankRequestEntity[] = chosen.map((c) => ({ kind: c.kind, id: c.id, focal: c.focal, ...(c.open ? { open: true } : {}) }));
          const mine = (await local.rank(detected, { meId: me ?? null, limit, now: NOW })).suggestions;
          const uncached = await rankForViewer(d.db, request, REF, viewer, undefined, { me, limit, now: NOW });
          const cached = await rankForViewer(d.db, request, REF, viewer, undefined, { me, limit, now: NOW, cache });
          expect(uncached).toEqual(mine);
          expect(cached).toEqual(mine);
          if (mine.length) compared++;
          for (const s of mine) for (const r of s.reasons) if (r.source && r.url) withOrigin++;
        },
      ),
      { numRuns: runs },
    );
    // The property compared real answers, not empty lists.
    expect(compared).toBeGreaterThan(30);
    // …and reasons that name their source system and link to a record.
    expect(withOrigin).toBeGreaterThan(0);
  }, 300_000);

  it('gives the same suggestions with colleagues\' own preferences present (hide, ask me about, opt-out, away)', async () => {
    const viewer = { email: 'someone@elsewhere.example' };
    // Colleagues who are suggested for the first topics and accounts get preferences, so that they matter.
    const topics = ids.topic.slice(0, 6);
    const accounts = ids.account.slice(0, 6);
    const seen: string[] = [];
    for (const e of [...topics.map((x) => ({ ...x, kind: 'topic' as const })), ...accounts.map((x) => ({ ...x, kind: 'account' as const }))]) {
      for (const s of await rankForViewer(d.db, [{ kind: e.kind, id: e.id, focal: true }], REF, viewer, undefined, { limit: 5, now: NOW })) if (!seen.includes(s.person.id)) seen.push(s.person.id);
    }
    expect(seen.length).toBeGreaterThan(8);
    const prefs: PreferenceMap = {
      [seen[0]]: { consent: 'out' },
      [seen[1]]: { hidden: [...topics.slice(0, 3), ...accounts.slice(0, 3)].map((x) => x.id) },
      [seen[2]]: { awayUntil: '2026-10-01' },
      [seen[3]]: { awayUntil: '2026-09-01' },
      [people[7]]: { askMeAbout: topics.slice(0, 4).map((x) => x.id) },
      [people[8]]: { askMeAbout: [topics[0].id], hidden: [topics[0].id] },
      [seen[4]]: { consent: 'in', hidden: [accounts[5].id], awayUntil: '2027-01-01' },
    };
    for (const [id, p] of Object.entries(prefs)) await writePreferences(d.db, id, p);
    const local = createLocalSource(() => prefs);
    const cache = new RankCache().use('demo-prefs');
    let compared = 0;
    let claimed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.record({ kind: fc.constant('topic' as const), pick: fc.nat({ max: 5 }) }), fc.record({ kind: fc.constant('account' as const), pick: fc.nat({ max: 5 }) })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 25 }),
        async (picks, limit) => {
          const chosen = picks.map((p) => ({ ...(p.kind === 'topic' ? topics : accounts)[p.pick], kind: p.kind }));
          const detected: DetectedEntity[] = chosen.map((c, i) => ({ kind: c.kind, id: c.id, name: c.name, via: 'record', focal: i === 0, count: 1 }));
          const request: RankRequestEntity[] = chosen.map((c, i) => ({ kind: c.kind, id: c.id, focal: i === 0 }));
          // The extension's path: claims folded by the local source, then the one rule (utils/background/query-service.ts).
          const mine = applyPreferences((await local.rank(detected, { meId: null, limit, now: NOW })).suggestions, detected.map((e) => e.id), prefs, { now: NOW, focalIds: detected.filter((e) => e.focal).map((e) => e.id) });
          const theirs = await rankForViewer(d.db, request, REF, viewer, undefined, { limit, now: NOW, cache });
          expect(theirs).toEqual(mine);
          expect(mine.some((s) => s.person.id === seen[0])).toBe(false);
          if (mine.length) compared++;
          if (mine.some((s) => s.reasons.some((r) => r.claimed))) claimed++;
        },
      ),
      { numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(20);
    expect(claimed).toBeGreaterThan(0);
    for (const id of Object.keys(prefs)) await writePreferences(d.db, id, {});
  }, 300_000);
});

describe(`works-council mode changes the evidence (${driver})`, () => {
  it('a topic loses its internal-only and old evidence, in the service as in the rule', async () => {
    const d = await testDatabase();
    try {
      const wc = evidenceRule(worksCouncil({ enabled: true, lookBackMonths: 18 }), REF);
      expect(wc.since).toBe('2024-12-01');
      await importFiles(d.db, [demoInput(SCALE)], { refTime: REF });
      const all = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence`.execute(d.db);
      // What the rule keeps, counted from the interactions themselves.
      const kept = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (
          SELECT DISTINCT e, i.person_id, i.kind FROM interactions i
          CROSS JOIN LATERAL unnest(CASE WHEN i.account_id IS NOT NULL OR i.contact_id IS NOT NULL THEN i.topic_ids || ARRAY[i.account_id, i.contact_id] ELSE ARRAY[]::text[] END) AS e
          WHERE e IS NOT NULL AND i.day >= ${wc.since}) x`.execute(d.db);
      // The mode switched on after the import: the service writes the evidence again under the rule (server/main.ts at start).
      const before = (await readGraphMeta(d.db))!;
      // A start under the rule the graph was written with writes nothing again (the meta is jsonb: its keys come back in another order).
      expect(evidenceRuleChanged(before, evidenceRule(worksCouncil({ enabled: false }), REF))).toBe(false);
      expect(evidenceRuleChanged(before, wc)).toBe(true);
      await recomputeEvidence(d.db, before, wc);
      const after = (await readGraphMeta(d.db))!;
      expect(evidenceRuleChanged(after, evidenceRule(worksCouncil({ enabled: true, lookBackMonths: 18 }), REF))).toBe(false);
      expect(evidenceRuleChanged(after, evidenceRule(worksCouncil({ enabled: false }), REF))).toBe(true);
      expect(after.revision).not.toBe(before.revision);
      expect(after.evidence).toEqual(wc);
      const recomputed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence`.execute(d.db);
      expect(recomputed.rows[0].n).toBe(kept.rows[0].n);
      await importFiles(d.db, [demoInput(SCALE)], { refTime: REF, evidence: () => wc });
      const on = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence`.execute(d.db);
      expect(on.rows[0].n).toBeLessThan(all.rows[0].n);
      expect(on.rows[0].n).toBe(kept.rows[0].n);
      // Internal-only interactions leave no evidence on topics.
      const internal = await sql<{ n: number }>`SELECT count(*)::int AS n FROM interactions WHERE account_id IS NULL AND contact_id IS NULL`.execute(d.db);
      expect(internal.rows[0].n).toBeGreaterThan(0);
    } finally {
      await d.close();
    }
  }, 300_000);
});
