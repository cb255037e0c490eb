/**
 * The colleague's own view (issue 15): "What Kenner shows about me", their
 * controls, and recurring problems. With a company graph service answering,
 * the service computes them for the token's viewer; else the local graph does,
 * with the same pure code (utils/ranking/own-view.ts, preferences.ts,
 * recurring.ts).
 */
import type { EntityKind } from '../../graph/model';
import type { OwnView, RecurringAnswer } from '../../messaging/protocol';
import { countByMonth, OWN_VIEW_RANK_LIMIT, ownEntries, OwnEvidenceCollector } from '../../ranking/own-view';
import { applyPreferences, type ColleaguePreferences } from '../../ranking/preferences';
import { summarize } from '../../ranking/rank';
import { caseFact, recurringMinGroup, recurringProblems, RECURRING_DAYS, type CaseFact } from '../../ranking/recurring';
import { WORKS_COUNCIL_OFF } from '../../governance/works-council';
import { getEffectiveSettings } from '../../settings/policy';
import { forEachInteraction, getAccounts, getAllTopics, getContacts, getPeople, getTopics } from '../../store/db';
import type { Handlers } from '../router';
import { lookupLogItem } from '../state';
import type { HandlerDeps } from './deps';

/** Names of entities by `kind:id` (unknown ids absent). */
async function entityNames(list: ReadonlyArray<{ kind: EntityKind; id: string }>): Promise<Map<string, string>> {
  const ids = (k: EntityKind) => [...new Set(list.filter((e) => e.kind === k).map((e) => e.id))];
  const [a, c, t] = await Promise.all([getAccounts(ids('account')), getContacts(ids('contact')), getTopics(ids('topic'))]);
  return new Map([...a.map((x) => [`account:${x.id}`, x.name] as const), ...c.map((x) => [`contact:${x.id}`, x.name] as const), ...t.map((x) => [`topic:${x.id}`, x.label] as const)]);
}

export function meHandlers({ service, sources, preferences, preferencesChanged, effectiveSettings = getEffectiveSettings }: HandlerDeps): Pick<Handlers, 'getOwnView' | 'setOwnPreferences' | 'getRecurring'> {
  let facts: { revision: string; list: Promise<CaseFact[]> } | null = null;

  async function localView(meId: string): Promise<OwnView> {
    const at = new Date().toISOString();
    const meta = await service.graphMeta();
    if (!meta || meta.counts.people === 0) return { status: 'no-graph', source: 'local', at };
    const [person] = await getPeople([meId]);
    if (!person) return { status: 'missing', source: 'local', at };
    const prefs: ColleaguePreferences = (await preferences?.of(meId)) ?? {};
    const collector = new OwnEvidenceCollector(meId);
    await forEachInteraction((items) => {
      for (const i of items) collector.add(i);
    });
    const contacts = await getContacts(collector.contactIds());
    collector.mergeContacts(new Map(contacts.flatMap((c) => (c.accountId ? [[c.id, c.accountId] as const] : []))));
    const found = collector.entities();
    // Skills, claims and hidden entities are listed too, with or without interactions.
    const more: Array<{ kind: EntityKind; id: string }> = [
      ...(person.skills ?? []).map((id) => ({ kind: 'topic' as const, id })),
      ...(prefs.askMeAbout ?? []).map((id) => ({ kind: 'topic' as const, id })),
    ];
    const hiddenIds = prefs.hidden ?? [];
    const candidates = [...found];
    for (const e of more) if (!candidates.some((c) => c.id === e.id)) candidates.push({ ...e, evidence: [] });
    const names = await entityNames([...candidates, ...hiddenIds.flatMap((id) => (['account', 'contact', 'topic'] as const).map((kind) => ({ kind, id })))]);
    for (const id of hiddenIds) {
      if (candidates.some((c) => c.id === id)) continue;
      const kind = (['account', 'contact', 'topic'] as const).find((k) => names.has(`${k}:${id}`));
      if (kind) candidates.push({ kind, id, evidence: [] });
    }
    const named = candidates.flatMap((c) => {
      const name = names.get(`${c.kind}:${c.id}`);
      return name ? [{ ...c, name }] : [];
    });
    const now = Date.now();
    // As others see it: the ranking's suggestion with this colleague's claims and away date applied (what they hid stays visible to them).
    const asSeen = { [meId]: { ...prefs, hidden: [], consent: 'in' as const } };
    const entries = await ownEntries(meId, named, prefs, async (entity) => {
      const list = (await service.rankAsGraph([entity], OWN_VIEW_RANK_LIMIT)).suggestions;
      return applyPreferences(list, [entity.id], asSeen, { now });
    });
    const lookups = countByMonth(await lookupLogItem.getValue(), meId);
    return { status: 'ok', source: 'local', at, profile: { person: summarize(person), preferences: prefs, entries, lookups }, topics: await getAllTopics() };
  }

  async function localRecurring(topicIds?: string[]): Promise<RecurringAnswer> {
    const meta = await service.graphMeta();
    const { policy } = await effectiveSettings();
    const base = { days: RECURRING_DAYS, minGroup: recurringMinGroup(policy.worksCouncil ?? WORKS_COUNCIL_OFF) };
    if (!meta || meta.counts.interactions === 0) return { status: 'no-graph', ...base, topics: [] };
    if (facts?.revision !== meta.revision) {
      const list = (async () => {
        const out: CaseFact[] = [];
        await forEachInteraction((items) => {
          for (const i of items) {
            const f = caseFact(i);
            if (f) out.push(f);
          }
        });
        return out;
      })();
      facts = { revision: meta.revision, list };
      list.catch(() => (facts = null));
    }
    let topics = recurringProblems(await facts.list, { now: Date.now(), minGroup: base.minGroup });
    if (topicIds) topics = topics.filter((x) => topicIds.includes(x.topicId));
    const names = await entityNames(topics.map((x) => ({ kind: 'topic' as const, id: x.topicId })));
    return { status: 'ok', ...base, topics: topics.flatMap((x) => (names.has(`topic:${x.topicId}`) ? [{ ...x, name: names.get(`topic:${x.topicId}`)! }] : [])) };
  }

  return {
    async getOwnView() {
      const remote = await sources.remoteSource();
      if (remote) {
        try {
          const profile = await remote.ownProfile();
          const { topics, ...rest } = profile;
          const at = new Date().toISOString();
          // The signed-in viewer is no colleague of the service's graph: nothing is shown about them.
          if (!rest.person) return { status: 'missing', source: 'remote', at };
          return { status: 'ok', source: 'remote', at, profile: rest, topics };
        } catch {
          // Unreachable: the local graph's view, marked stale.
        }
      }
      const { settings } = await effectiveSettings();
      if (!settings.meId) return { status: 'no-me', source: 'local', at: new Date().toISOString(), ...(remote ? { stale: true } : {}) };
      const view = await localView(settings.meId);
      return remote ? { ...view, stale: true } : view;
    },

    async setOwnPreferences(prefs) {
      const remote = await sources.remoteSource();
      if (remote) {
        const saved = await remote.setOwnPreferences(prefs);
        await preferencesChanged?.();
        return saved;
      }
      const { settings } = await effectiveSettings();
      if (!settings.meId || !preferences) throw new Error('Choose who you are first (Options → Me).');
      const saved = await preferences.set(settings.meId, prefs);
      await preferencesChanged?.();
      return saved;
    },

    async getRecurring(data) {
      const remote = await sources.remoteSource();
      if (remote) {
        try {
          const r = await remote.recurring();
          return { status: 'ok', ...r, topics: data?.topicIds ? r.topics.filter((x) => data.topicIds!.includes(x.topicId)) : r.topics };
        } catch {
          // Unreachable: the local graph's count.
        }
      }
      return localRecurring(data?.topicIds);
    },
  };
}
