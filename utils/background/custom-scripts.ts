/**
 * Sites of the company's own (an on-premises CRM, say), added by the user or
 * by policy: the content script is registered for them at run time, and only
 * where the browser permission for the pattern has been granted.
 */
import { browser } from 'wxt/browser';
import type { CustomSite } from '../settings/items';

const PREFIX = 'kenner-custom-';
/** The content script's bundle, as WXT emits it. */
const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

export async function syncCustomScripts(sites: CustomSite[]): Promise<string[]> {
  // Dynamic content scripts need `scripting.registerContentScripts` (Chrome 96+, Firefox 102+).
  const { scripting }: { scripting?: Partial<typeof browser.scripting> } = browser;
  if (!scripting?.registerContentScripts || !scripting.getRegisteredContentScripts || !scripting.unregisterContentScripts) return [];
  const registered = await scripting.getRegisteredContentScripts();
  const ours = registered.filter((s) => s.id.startsWith(PREFIX)).map((s) => s.id);
  if (ours.length) await scripting.unregisterContentScripts({ ids: ours });
  const granted: string[] = [];
  for (const site of sites) {
    if (await browser.permissions.contains({ origins: [site.pattern] }).catch(() => false)) granted.push(site.pattern);
  }
  if (granted.length) {
    await scripting.registerContentScripts([
      { id: `${PREFIX}0`, js: [CONTENT_SCRIPT_FILE], matches: granted, runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return granted;
}
