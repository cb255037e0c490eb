/**
 * The redacted page outline for the options page's diagnostics
 * (utils/sites/outline.ts): which open tabs are on an enabled site, and the
 * outline of one, made in the tab by `scripting.executeScript` (the page's
 * text never reaches the background; only lengths do). Tabs on sites that are
 * not enabled are never read.
 */
import { browser } from 'wxt/browser';
import { getEffectiveSettings } from '../../settings/policy';
import { siteStateFor } from '../../sites/enablement';
import { pageOutline } from '../../sites/outline';
import type { Handlers } from '../router';
import type { HandlerDeps } from './deps';

export function outlineHandlers({ effectiveSettings = getEffectiveSettings }: Pick<HandlerDeps, 'effectiveSettings'> = {}): Pick<Handlers, 'listOutlineTabs' | 'getPageOutline'> {
  return {
    async listOutlineTabs() {
      const { settings } = await effectiveSettings();
      const tabs = await browser.tabs.query({});
      return tabs.flatMap((t) => {
        const site = siteStateFor(t.url, settings);
        return t.id !== undefined && site.enabled ? [{ tabId: t.id, host: site.host, ...(site.siteId ? { siteId: site.siteId } : {}) }] : [];
      });
    },
    async getPageOutline({ tabId }) {
      const { settings } = await effectiveSettings();
      const tab = await browser.tabs.get(tabId);
      const site = siteStateFor(tab.url, settings);
      if (!site.enabled) throw new Error('Not an enabled site');
      const [result] = await browser.scripting.executeScript({ target: { tabId }, func: pageOutline, args: [{ maxLines: 5000 }] });
      const outline = result?.result;
      if (typeof outline !== 'string') throw new Error('No outline');
      return { host: site.host, outline };
    },
  };
}
