/**
 * The background's answers to the message protocol (protocol.ts). Every
 * payload is validated (schemas.ts) and every sender checked: content-script
 * messages must come from a tab of this extension's own content script,
 * page messages from this extension's own pages.
 */
import { browser, type Browser } from 'wxt/browser';
import { clearGraph, getAccounts, getAllPeople, getContacts, getTopics, readDictionarySource } from '../store/db';
import type { GraphMeta } from '../graph/model';
import { importGraphObject } from '../store/importer';
import { generateDemoGraph } from '../demo/generate';
import { buildSearchIndex, searchPeople, type SearchIndex } from '../ranking/search';
import type { QueryService } from './query-service';
import { changeSettings, getEffectiveSettings } from '../settings/policy';
import { type Settings } from '../settings/items';
import { diagnosticsItem, dismissedItem, lookupLogItem } from './state';
import { siteStateFor } from '../sites/enablement';
import { compileDictionary, type CompiledDictionary } from '../spotting/dictionary';
import type { DetectedEntity } from '../spotting/types';
import { onMessage, type EntityCard, type ImportSummary, type PageConfig, type PersonHit } from '../messaging/protocol';
import { validate } from '../messaging/schemas';
import { t } from '../i18n';

type Sender = Browser.runtime.MessageSender;

export interface BackgroundDeps {
  service: QueryService;
  settings: () => Promise<Settings>;
  /** People search at the remote company-graph service when one answers (null: use the local index). */
  remoteSearch?: (query: string, limit?: number) => Promise<PersonHit[] | null>;
  /** Called after the graph or local data changed outside an import (demo load, delete). */
  afterLocalDataDeleted?: () => Promise<void>;
}

function fromOwnExtension(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

function fromExtensionPage(sender: Sender): boolean {
  return fromOwnExtension(sender) && !!sender.url && sender.url.startsWith(browser.runtime.getURL('/'));
}

function tabOf(sender: Sender): { tabId: number; url: string | undefined } {
  if (!fromOwnExtension(sender) || sender.tab?.id === undefined) throw new Error('Not from a tab of this extension');
  return { tabId: sender.tab.id, url: sender.tab.url ?? sender.url };
}

function requirePage(sender: Sender): void {
  if (!fromExtensionPage(sender)) throw new Error('Only the extension’s own pages may ask this');
}

/** Cached per graph revision: the compiled dictionary and the people-search index. */
export class RevisionCache {
  private dict: { revision: string; value: Promise<CompiledDictionary> } | null = null;
  private search: { revision: string; value: Promise<SearchIndex> } | null = null;

  dictionary(meta: GraphMeta): Promise<CompiledDictionary> {
    if (this.dict?.revision !== meta.revision) {
      const value = readDictionarySource().then((src) => {
        const companyDomains = [...new Set(src.people.map((p) => p.email?.split('@')[1]?.toLowerCase()).filter((d): d is string => !!d))];
        return compileDictionary({ ...src, companyDomains }, meta.revision);
      });
      this.dict = { revision: meta.revision, value };
      value.catch(() => (this.dict = null));
    }
    return this.dict.value;
  }

  searchIndex(meta: GraphMeta): Promise<SearchIndex> {
    if (this.search?.revision !== meta.revision) {
      const value = Promise.all([getAllPeople(), readDictionarySource()]).then(([people, src]) =>
        buildSearchIndex({ people, accounts: src.accounts.map(({ id, name, aliases }) => ({ id, name, aliases })), topics: src.topics }),
      );
      this.search = { revision: meta.revision, value };
      value.catch(() => (this.search = null));
    }
    return this.search.value;
  }

  clear() {
    this.dict = null;
    this.search = null;
  }
}

/** Replace names a content script sent by the graph's own names; drop ids the graph does not hold. */
export async function canonicalEntities(entities: DetectedEntity[]): Promise<DetectedEntity[]> {
  const ids = (k: DetectedEntity['kind']) => [...new Set(entities.filter((e) => e.kind === k).map((e) => e.id))];
  const [accounts, contacts, topics] = await Promise.all([getAccounts(ids('account')), getContacts(ids('contact')), getTopics(ids('topic'))]);
  const names = new Map<string, string>();
  accounts.forEach((a) => names.set(`account:${a.id}`, a.name));
  contacts.forEach((c) => names.set(`contact:${c.id}`, c.name));
  topics.forEach((t) => names.set(`topic:${t.id}`, t.label));
  return entities.flatMap((e) => {
    const name = names.get(`${e.kind}:${e.id}`);
    return name === undefined ? [] : [{ ...e, name }];
  });
}

export function registerHandlers(deps: BackgroundDeps): { cache: RevisionCache } {
  const { service } = deps;
  const cache = new RevisionCache();

  onMessage('pageHello', async ({ sender }): Promise<PageConfig> => {
    const { url } = tabOf(sender);
    const { settings } = await getEffectiveSettings();
    const site = siteStateFor(url, settings);
    const meta = await service.graphMeta();
    return {
      active: site.enabled && !site.paused,
      siteId: site.siteId === 'demo' || site.siteId === null ? undefined : site.siteId,
      highlight: settings.highlight,
      hoverCard: settings.hoverCard,
      kinds: settings.kinds,
      dictionaryRevision: meta && meta.counts.people + meta.counts.accounts > 0 ? meta.revision : null,
    };
  });

  onMessage('getDictionary', async ({ data, sender }) => {
    tabOf(sender);
    // `revision`: the revision the content script learnt from pageHello; it gets the current one.
    validate('getDictionary', data);
    const meta = await service.graphMeta();
    if (!meta) return null;
    return cache.dictionary(meta);
  });

  onMessage('reportEntities', async ({ data, sender }) => {
    const { tabId, url } = tabOf(sender);
    const report = validate('reportEntities', data);
    const { settings } = await getEffectiveSettings();
    if (!siteStateFor(url, settings).enabled) return;
    report.entities = await canonicalEntities(report.entities);
    await service.onReport(tabId, url, report);
  });

  onMessage('getTabView', async ({ data, sender }) => {
    requirePage(sender);
    return service.view(validate('getTabView', data).tabId);
  });

  onMessage('searchPeople', async ({ data, sender }) => {
    requirePage(sender);
    const { query, limit } = validate('searchPeople', data);
    const { settings } = await getEffectiveSettings();
    const remote = await deps.remoteSearch?.(query, limit).catch(() => null);
    if (remote) return remote.filter((h) => h.person.id !== settings.meId);
    const meta = await service.graphMeta();
    if (!meta || !query.trim()) return [];
    const index = await cache.searchIndex(meta);
    const hits = await searchPeople(index, query, {
      limit,
      rank: async (entities) => (await service.answer(entities, settings)).suggestions,
    });
    return hits.filter((h) => h.person.id !== settings.meId);
  });

  onMessage('getGraphInfo', async ({ sender }) => {
    requirePage(sender);
    return service.graphMeta();
  });

  onMessage('loadDemoGraph', async ({ data, sender }): Promise<ImportSummary> => {
    requirePage(sender);
    const { policy } = await getEffectiveSettings();
    if (!policy.allowDemo) return { ok: false, errors: [t('bg_demo_forbidden')] };
    const scale = validate('loadDemoGraph', data)?.scale ?? 1;
    const result = await importGraphObject(generateDemoGraph({ scale }), { source: 'demo', mode: 'replace' });
    return { ok: result.ok, counts: result.counts, duplicates: result.duplicates, errors: result.errors?.map((e) => e.message) };
  });

  onMessage('deleteGraph', async ({ sender }) => {
    requirePage(sender);
    await clearGraph();
  });

  onMessage('setSitePaused', async ({ data, sender }) => {
    requirePage(sender);
    const { tabId, paused } = validate('setSitePaused', data);
    const tab = await browser.tabs.get(tabId);
    const host = tab.url ? new URL(tab.url).host : '';
    if (!host) return;
    const { settings } = await getEffectiveSettings();
    const hosts = new Set(settings.pausedHosts);
    if (paused) hosts.add(host);
    else hosts.delete(host);
    await changeSettings({ pausedHosts: [...hosts] });
    await service.refresh(tabId);
  });

  onMessage('getEntityCard', async ({ data, sender }): Promise<EntityCard> => {
    const { kind, id } = validate('getEntityCard', data);
    if (!fromOwnExtension(sender)) throw new Error('Unknown sender');
    const meta = await service.graphMeta();
    if (!meta) return { entity: null, suggestions: [], status: 'no-graph' };
    const [entity] = await canonicalEntities([{ kind, id, name: '', via: 'text', count: 1 }]);
    if (!entity) return { entity: null, suggestions: [], status: 'unknown' };
    const { settings } = await getEffectiveSettings();
    const answer = await service.answer([entity], settings);
    return { entity, suggestions: answer.suggestions.slice(0, 3), status: 'ok' };
  });

  onMessage('openSidePanel', async ({ data, sender }) => {
    const tabId = sender.tab?.id ?? validate('openSidePanel', data)?.tabId;
    if (tabId === undefined) return;
    try {
      await (browser as any).sidePanel.open({ tabId });
    } catch {
      // No user gesture reached us (or no side panel API): open the same view in a window.
      await browser.windows.create({ url: `${browser.runtime.getURL('/sidepanel.html')}?tab=${tabId}`, type: 'popup', width: 420, height: 720 });
    }
  });

  onMessage('dismissSuggestion', async ({ data, sender }) => {
    requirePage(sender);
    const { personId, entityId, undo } = validate('dismissSuggestion', data);
    const all = structuredClone(await dismissedItem.getValue());
    const set = new Set(all[personId] ?? []);
    if (undo) set.delete(entityId);
    else set.add(entityId);
    if (set.size) all[personId] = [...set];
    else delete all[personId];
    await dismissedItem.setValue(all);
    await service.answersChanged();
  });

  onMessage('getEffectiveSettings', async ({ sender }) => {
    requirePage(sender);
    return getEffectiveSettings();
  });

  onMessage('updateSettings', async ({ data, sender }) => {
    requirePage(sender);
    const eff = await changeSettings(validate('updateSettings', data));
    await service.answersChanged();
    return eff;
  });

  onMessage('getLookupLog', async ({ sender }) => {
    requirePage(sender);
    return lookupLogItem.getValue();
  });

  onMessage('getDiagnostics', async ({ sender }) => {
    requirePage(sender);
    return Object.values(await diagnosticsItem.getValue());
  });

  onMessage('deleteAllLocalData', async ({ sender }) => {
    requirePage(sender);
    await clearGraph();
    await browser.storage.local.clear();
    await browser.storage.session.clear();
    cache.clear();
    await deps.afterLocalDataDeleted?.();
    await service.graphChanged();
  });

  return { cache };
}
