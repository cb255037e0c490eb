/**
 * The background's query service: keeps each tab's context (what its content
 * script found) and answer (ranked colleagues) in storage.session, so a
 * restarted service worker loses nothing the user sees, and answers from the
 * active graph source with an in-memory cache keyed by graph revision.
 *
 * The side panel watches `tabview:<tabId>` in storage.session; every change of
 * a tab's context or of the graph rewrites that key.
 */
import { browser } from 'wxt/browser';
import { storage } from '#imports';
import type { GraphMeta } from '../graph/model';
import type { InvolvedColleague, LookupLogEntry, PageReport, TabView } from '../messaging/protocol';
import type { PersonSummary, Suggestion } from '../ranking/types';
import { type Settings } from '../settings/items';
import { diagnosticsItem, dismissedItem, lookupLogItem, meProposalItem, tabContextKey, type TabContext } from './state';
import { tabViewKey } from '../messaging/state';
import { siteStateFor } from '../sites/enablement';
import type { DetectedEntity } from '../spotting/types';
import type { GraphSource, RankAnswer } from '../sources/types';
import { TabQueue } from './tab-queue';
import { WORKS_COUNCIL_OFF, type WorksCouncil } from '../governance/works-council';
import { applyPreferences, type PreferenceMap } from '../ranking/preferences';

const ANSWER_CACHE_MAX = 200;
const SUGGESTION_LIMIT = 20;
const LOG_MAX_ENTRIES = 5000;

/** A page report with its people resolved against the graph (handlers/entities.ts), its page-text fields gone. */
export type PreparedReport = Omit<PageReport, 'people'> & { involved?: InvolvedColleague[]; pageMe?: PersonSummary };

const ROLE_ORDER = ['owner', 'team', 'assignee', 'sender', 'recipient', 'cc', 'participant'] as const;
/** Owner and assignee first, then the people on the open message. */
function involvedOrder(a: InvolvedColleague, b: InvolvedColleague): number {
  const rank = (x: InvolvedColleague) => Math.min(...x.roles.map((r) => ROLE_ORDER.indexOf(r)));
  return rank(a) - rank(b) || a.person.name.localeCompare(b.person.name);
}

/**
 * Owner and team first: the graph's owner and team of the page's own account
 * are named as such at the top ("Already on this"), not ranked among the
 * suggestions; an owner the page itself names gets the record's name.
 */
function ownersApart(all: Suggestion[], entities: DetectedEntity[], involved: InvolvedColleague[]): { suggestions: Suggestion[]; owners: InvolvedColleague[] } {
  const focal = entities.filter((e) => e.focal);
  const record = focal.length === 1 ? focal[0] : undefined;
  const focalAccounts = new Set(focal.filter((e) => e.kind === 'account').map((e) => e.id));
  for (const x of involved) if (record && x.roles.includes('owner')) x.of ??= record.name;
  const owners: InvolvedColleague[] = [];
  const suggestions: Suggestion[] = [];
  for (const s of all) {
    const role = s.reasons.find((r) => (r.kind === 'account-owner' || r.kind === 'account-team') && focalAccounts.has(r.entityId));
    if (!role) suggestions.push(s);
    else owners.push({ person: s.person, roles: [role.kind === 'account-owner' ? 'owner' : 'team'], of: role.entityName });
  }
  return { suggestions, owners };
}

export interface QueryServiceDeps {
  source: () => GraphSource;
  settings: () => Promise<Settings>;
  tabUrl: (tabId: number) => Promise<string | undefined>;
  now?: () => number;
  /** Works-council mode in force (its colleague default decides who may be suggested); absent: off. */
  worksCouncil?: () => Promise<WorksCouncil>;
  /** Colleagues' own preferences on the local graph (applied to the local graph's answers; the service applies its own). */
  preferences?: () => Promise<PreferenceMap>;
}

/** Stable key of a page's entity set (order-free). */
function entitiesKey(entities: DetectedEntity[]): string {
  return entities
    .map((e) => `${e.kind}:${e.id}${e.focal ? '*' : ''}${e.open ? '+' : ''}`)
    .sort()
    .join('|');
}

export class QueryService {
  private answers = new Map<string, RankAnswer>();
  private meta: GraphMeta | null | undefined;
  /** Reports are answered per tab, coalesced and paced (one page cannot stall the others). */
  private readonly reports = new TabQueue();
  /** Tabs closed in this worker's life (tab ids are not reused in a browser session): a report still being answered for one stores nothing. */
  private readonly closedTabs = new Set<number>();

  constructor(private readonly deps: QueryServiceDeps) {}

  private now() {
    return this.deps.now?.() ?? Date.now();
  }

  /** The graph changed (import, demo, delete, sync): drop caches and refresh every open tab's answer. */
  async graphChanged(): Promise<void> {
    this.answers.clear();
    this.meta = undefined;
    const all = await browser.storage.session.get(null);
    const tabIds = Object.keys(all)
      .filter((k) => k.startsWith('tabview:'))
      .map((k) => Number(k.slice('tabview:'.length)));
    await Promise.all(tabIds.map((id) => this.refresh(id)));
  }

  async graphMeta(): Promise<GraphMeta | null> {
    if (this.meta === undefined) this.meta = await this.deps.source().meta();
    return this.meta;
  }

  /** Settings that change answers (me, dismissals) changed. */
  async answersChanged(): Promise<void> {
    this.answers.clear();
    await this.graphChanged();
  }

  /**
   * A content script's report: answered in the tab's queue (a newer report of
   * the tab replaces a waiting one); `prepare` (canonical ids) runs in the
   * queue too, so a flood of reports costs one preparation per answer.
   */
  report(tabId: number, url: string | undefined, report: PageReport, prepare: (r: PageReport) => Promise<PreparedReport> = async ({ people: _p, ...r }) => r): Promise<void> {
    return this.reports.submit(tabId, async () => {
      const prepared = await prepare(report);
      if (this.closedTabs.has(tabId)) return;
      await this.onReport(tabId, url, prepared);
      // Closed while it was being answered: what it stored goes with the tab.
      if (this.closedTabs.has(tabId)) await storage.removeItems([tabContextKey(tabId), tabViewKey(tabId)]);
    });
  }

  async onReport(tabId: number, url: string | undefined, report: PreparedReport): Promise<TabView> {
    const settings = await this.deps.settings();
    const site = siteStateFor(url, settings);
    const ctx: TabContext = {
      // Kinds switched off (by the user or by policy) are neither shown nor logged.
      entities: this.visible(report.entities, settings),
      adapter: report.adapter,
      navigation: report.navigation,
      host: site.host,
      siteId: site.siteId ?? undefined,
      updatedAt: new Date(this.now()).toISOString(),
      ...(report.more ? { more: report.more } : {}),
      ...(report.guarded ? { guarded: true as const } : {}),
      ...(report.involved?.length ? { involved: report.involved } : {}),
      ...(report.pageMe ? { pageMe: report.pageMe } : {}),
      ...(report.listView ? { listView: true as const } : {}),
    };
    if (report.pageMe && !settings.meId && (await meProposalItem.getValue())?.person.id !== report.pageMe.id) {
      await meProposalItem.setValue({ person: report.pageMe, host: site.host, at: ctx.updatedAt });
    }
    const prev = await storage.getItem<TabContext>(tabContextKey(tabId));
    const newPage = !prev || prev.navigation !== ctx.navigation || prev.adapter !== ctx.adapter;
    if (newPage ? await this.recordDiagnostics(report) : prev.textOnlyNotice && report.textOnly) ctx.textOnlyNotice = true;
    await storage.setItem(tabContextKey(tabId), ctx);
    const view = await this.compute(tabId, url, ctx, settings);
    if (view.status === 'ok' && (!prev || entitiesKey(prev.entities) !== entitiesKey(ctx.entities))) {
      await this.log({ at: ctx.updatedAt, site: site.siteId === 'custom' || site.siteId === 'demo' || !site.siteId ? site.host : site.siteId, entities: ctx.entities.map(({ kind, id, name }) => ({ kind, id, name })), source: view.source ?? 'local', shown: view.suggestions.map((s) => s.person.id) });
    }
    return view;
  }

  /** The tab navigated to another document (or another record): forget what was there. */
  async onTabNavigated(tabId: number): Promise<void> {
    await storage.removeItem(tabContextKey(tabId));
    await this.refresh(tabId);
  }

  async onTabClosed(tabId: number): Promise<void> {
    this.closedTabs.add(tabId);
    this.reports.drop(tabId);
    await storage.removeItems([tabContextKey(tabId), tabViewKey(tabId)]);
  }

  /** Recompute and store a tab's view. */
  async refresh(tabId: number): Promise<TabView> {
    const [url, settings, ctx] = await Promise.all([this.deps.tabUrl(tabId), this.deps.settings(), storage.getItem<TabContext>(tabContextKey(tabId))]);
    return this.compute(tabId, url, ctx, settings);
  }

  async view(tabId: number): Promise<TabView> {
    const stored = await storage.getItem<TabView>(tabViewKey(tabId));
    const meta = await this.graphMeta();
    // Reuse the stored answer unless the graph changed since (a restarted worker keeps it).
    if (stored && stored.status === 'ok' && meta && stored.updatedAt && stored.updatedAt >= meta.loadedAt && !stored.stale) return stored;
    return this.refresh(tabId);
  }

  private async compute(tabId: number, url: string | undefined, ctx: TabContext | null, settings: Settings): Promise<TabView> {
    const site = siteStateFor(url, settings);
    const base = { tabId, host: site.host || undefined, siteId: site.siteId ?? undefined, entities: [] as DetectedEntity[], suggestions: [] };
    let view: TabView;
    const meta = await this.graphMeta();
    if (url === undefined) view = { ...base, status: 'no-tab' };
    else if (!site.enabled) view = { ...base, status: 'not-enabled' };
    else if (site.paused) view = { ...base, status: 'paused' };
    else if (ctx?.guarded) view = { ...base, status: 'guarded' };
    else if (!meta || meta.counts.people === 0) view = { ...base, entities: ctx?.entities ?? [], status: 'no-graph' };
    else if (!ctx) view = { ...base, status: 'loading' };
    else {
      const entities = this.visible(ctx.entities, settings);
      if (!entities.length) view = { ...base, status: 'empty' };
      else {
        // The user (chosen, or signed in on this page) is in neither list; colleagues already on the page are listed apart.
        const mine = new Set([settings.meId, ctx.pageMe?.id].filter((x): x is string => !!x));
        const involved = (ctx.involved ?? []).filter((x) => !mine.has(x.person.id)).sort(involvedOrder);
        const exclude = new Set([...mine, ...involved.map((x) => x.person.id)]);
        const answer = await this.answer(entities, settings, exclude.size);
        const { suggestions, owners } = ownersApart(answer.suggestions.filter((s) => !exclude.has(s.person.id)), entities, involved);
        view = { ...base, status: 'ok', entities: sortEntities(entities), suggestions: suggestions.slice(0, SUGGESTION_LIMIT), stale: answer.stale, source: answer.source };
        if (involved.length || owners.length) view.involved = [...involved, ...owners].sort(involvedOrder);
        if (ctx.more) view.more = ctx.more;
        if (ctx.listView) view.listView = true;
      }
    }
    if (ctx?.textOnlyNotice && (view.status === 'ok' || view.status === 'empty')) view.textOnly = true;
    if (ctx?.pageMe && !settings.meId && view.status !== 'not-enabled' && view.status !== 'paused') view.proposedMe = ctx.pageMe;
    view.updatedAt = new Date(this.now()).toISOString();
    await storage.setItem(tabViewKey(tabId), view);
    return view;
  }

  private visible(entities: DetectedEntity[], settings: Settings): DetectedEntity[] {
    return entities.filter((e) => settings.kinds[e.kind] !== false);
  }

  /** Ranked colleagues for a set of entities, cached per graph revision, "me" and dismissals. */
  async answer(entities: DetectedEntity[], settings: Settings, extra = 0): Promise<RankAnswer> {
    const dismissed = await dismissedItem.getValue();
    const meta = await this.graphMeta();
    const limit = SUGGESTION_LIMIT + Math.min(extra, 20);
    const worksCouncil = (await this.deps.worksCouncil?.()) ?? WORKS_COUNCIL_OFF;
    const key = `${meta?.revision}#${settings.meId ?? ''}#${limit}#${worksCouncil.enabled ? worksCouncil.colleagueDefault : ''}#${entitiesKey(entities)}`;
    const hit = this.answers.get(key);
    if (hit) return hit;
    // Read before ranking: the local source folds "ask me about" claims from them.
    const prefs = await this.deps.preferences?.();
    const answer = await this.deps.source().rank(entities, { meId: settings.meId, dismissed, limit, now: this.now(), worksCouncil, consentOf: (id) => prefs?.[id]?.consent });
    // Who is shown for what (one rule, utils/ranking/preferences.ts); the company graph service applies its own.
    if (prefs && answer.source === 'local') answer.suggestions = applyPreferences(answer.suggestions, entities.map((e) => e.id), prefs, { now: this.now(), focalIds: entities.filter((e) => e.focal).map((e) => e.id) });
    if (this.answers.size >= ANSWER_CACHE_MAX) this.answers.delete(this.answers.keys().next().value as string);
    if (!answer.stale) this.answers.set(key, answer);
    return answer;
  }

  /** The active source's ranking for these entities as the graph has it (no "me", no dismissals, no preferences applied): the own view. */
  async rankAsGraph(entities: DetectedEntity[], limit: number): Promise<RankAnswer> {
    await this.deps.preferences?.();
    return this.deps.source().rank(entities, { meId: null, limit, now: this.now() });
  }

  /** Counts the page; true when it is the first page of its site read as text only (the user is told once). */
  private async recordDiagnostics(report: PageReport): Promise<boolean> {
    const all = structuredClone(await diagnosticsItem.getValue());
    const d = (all[report.adapter] ??= { adapter: report.adapter, pagesSeen: 0, misses: {} });
    d.pagesSeen += 1;
    for (const m of report.misses ?? []) d.misses[m] = (d.misses[m] ?? 0) + 1;
    let notice = false;
    if (report.textOnly) {
      d.textOnly = (d.textOnly ?? 0) + 1;
      notice = !d.textOnlyNoticed;
      d.textOnlyNoticed = true;
    }
    await diagnosticsItem.setValue(all);
    return notice;
  }

  private async log(entry: LookupLogEntry): Promise<void> {
    const settings = await this.deps.settings();
    const cutoff = new Date(this.now() - settings.logRetentionDays * 86_400_000).toISOString();
    const log = (await lookupLogItem.getValue()).filter((e) => e.at >= cutoff);
    if (settings.logRetentionDays > 0) log.push(entry);
    await lookupLogItem.setValue(log.slice(-LOG_MAX_ENTRIES));
  }

  /** Drop log entries older than the retention (run daily by an alarm). */
  async pruneLog(): Promise<void> {
    const settings = await this.deps.settings();
    const cutoff = new Date(this.now() - settings.logRetentionDays * 86_400_000).toISOString();
    const log = await lookupLogItem.getValue();
    const kept = log.filter((e) => e.at >= cutoff);
    if (kept.length !== log.length) await lookupLogItem.setValue(kept);
  }
}

const KIND_ORDER = { account: 0, contact: 1, topic: 2 } as const;
/** Focal first, then accounts, contacts, topics; more mentions first. */
function sortEntities(entities: DetectedEntity[]): DetectedEntity[] {
  return [...entities].sort(
    (a, b) => Number(!!b.focal) - Number(!!a.focal) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.count - a.count || a.name.localeCompare(b.name),
  );
}
