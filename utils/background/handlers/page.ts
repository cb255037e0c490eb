/**
 * Messages of the content script and the hover card: the page's configuration
 * and dictionary, its report of what it found, and the side panel the hover
 * card opens (the card itself: ./hover.ts).
 */
import { browser } from 'wxt/browser';
import type { PageConfig } from '../../messaging/protocol';
import { siteStateFor } from '../../sites/enablement';
import { getEffectiveSettings } from '../../settings/policy';
import type { Handlers } from '../router';
import { canonicalEntities, resolvePagePeople, storeLookup } from './entities';
import type { HandlerDeps } from './deps';
import type { CompiledDictionary } from '../../spotting/types';
import { splitDictionary } from '../../spotting/wire';

/** The messages of each compiled dictionary (split once; the dictionary itself is cached per revision). */
const split = new WeakMap<CompiledDictionary, unknown[]>();
function partsOf(d: CompiledDictionary): unknown[] {
  let parts = split.get(d);
  if (!parts) split.set(d, (parts = splitDictionary(d)));
  return parts;
}

export function pageHandlers({ service, cache, effectiveSettings = getEffectiveSettings }: HandlerDeps): Pick<Handlers, 'pageHello' | 'getDictionary' | 'reportEntities' | 'openSidePanel'> {
  return {
    // The hello reads storage itself, not the worker's copy: a content script says hello again when it
    // sees the settings change, and its hello may reach the worker before the worker's own
    // storage.onChanged does (a site just paused would be answered as active). Once per page load.
    async pageHello(_data, { url }): Promise<PageConfig> {
      const { settings } = await getEffectiveSettings();
      const site = siteStateFor(url, settings);
      const meta = await service.graphMeta();
      return {
        active: site.enabled && !site.paused,
        siteId: site.siteId === 'demo' || site.siteId === null ? undefined : site.siteId,
        highlight: settings.highlight,
        // The card's frame is web-accessible on the built-in sites only (wxt.config.ts): none on custom sites.
        hoverCard: settings.hoverCard && site.siteId !== 'custom',
        kinds: settings.kinds,
        dictionaryRevision: meta && meta.counts.people + meta.counts.accounts > 0 ? meta.revision : null,
      };
    },

    // `revision`: the revision the content script learnt from pageHello; it gets the current one, in parts
    // when large (spotting/wire.ts). A later part is of the revision asked for, or null if that is gone.
    async getDictionary({ revision, part }) {
      const meta = await service.graphMeta();
      if (!meta || (part && revision !== meta.revision)) return null;
      const parts = partsOf(await cache.dictionary(meta));
      return parts[part ?? 0] ?? null;
    },

    async reportEntities(report, { tabId, url }) {
      const { settings } = await effectiveSettings();
      if (tabId === undefined || !siteStateFor(url, settings).enabled) return;
      await service.report(tabId, url, report, async ({ people, ...r }) => {
        const meta = people?.length ? await service.graphMeta() : null;
        const found = meta && people ? await resolvePagePeople(people, storeLookup(cache, meta)) : { involved: [] };
        return { ...r, entities: await canonicalEntities(r.entities), ...found };
      });
    },

    async openSidePanel(data, from) {
      const tabId = from.tabId ?? data?.tabId;
      if (tabId === undefined) return;
      try {
        await browser.sidePanel.open({ tabId });
      } catch {
        // No user gesture reached us (or no side panel API, as in Firefox): open the same view in a window.
        await browser.windows.create({ url: `${browser.runtime.getURL('/sidepanel.html')}?tab=${tabId}`, type: 'popup', width: 420, height: 720 });
      }
    },
  };
}
