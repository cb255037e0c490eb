// @vitest-environment node
/**
 * The adapters' host checks and the manifest agree, both ways: every host the
 * built manifest's content-script patterns cover picks that site's adapter,
 * and every host an adapter claims is covered by the manifest. The manifest is
 * the one wxt.config.ts generates (store build, Chrome and Firefox).
 */
import { MatchPattern } from '@webext-core/match-patterns';
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';
import { pickAdapter } from '../../../utils/sites';
import { BUILT_IN_SITES, hostPatternOf, siteForHost } from '../../../utils/sites/registry';
import { dynamics } from '../../../utils/sites/dynamics';
import { freshdesk } from '../../../utils/sites/freshdesk';
import { gmail } from '../../../utils/sites/gmail';
import { hubspot } from '../../../utils/sites/hubspot';
import { outlook } from '../../../utils/sites/outlook';
import { salesforce } from '../../../utils/sites/salesforce';
import { zendesk } from '../../../utils/sites/zendesk';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ADAPTERS = [salesforce, hubspot, dynamics, zendesk, freshdesk, gmail, outlook];

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => { host_permissions?: string[] };
async function storeManifest(browser: 'chrome' | 'firefox') {
  const m = (config as unknown as { manifest: ManifestFn }).manifest;
  return m({ mode: 'production', browser, manifestVersion: browser === 'firefox' ? 2 : 3, command: 'build' });
}

/** Hosts a pattern's host part stands for: `*.x.y` → acme.x.y, deep.acme.x.y; a plain host → itself. */
function samplesOf(pattern: string): string[] {
  const host = /^[^:]+:\/\/([^/]+)\//.exec(pattern)![1];
  return host.startsWith('*.') ? [`acme${host.slice(1)}`, `acme--uat.sandbox${host.slice(1)}`] : [host];
}

/** Near misses: hosts no built-in site may claim. */
const FOREIGN = [
  'www.hubspot.com', 'knowledge.hubspot.com', 'app-xx9.hubspot.com', 'app.hubspot.com.evil.example', 'hubspot.com',
  'outlook.office.com.evil.example', 'outlook.microsoft.com', 'evil-outlook.cloud.microsoft', 'teams.cloud.microsoft',
  'acme.my.site.com', 'acme.my.salesforce-setup.com', 'acme.force.com', 'evillightning.force.com.example',
  'acme.operations.dynamics.com', 'acme.crm13.dynamics.com', 'acme.powerappsportals.com', 'dynamics.com.evil.example',
  'zendesk.com.evil.example', 'acme.zendesk.co', 'freshdesk.com.evil.example', 'acme.freshservice.com',
  'mail.google.com.evil.example', 'docs.google.com', 'localhost', '127.0.0.1',
];

describe('hosts: adapters and manifest agree', () => {
  it('the content script and the host permissions are the registry patterns', async () => {
    const all = BUILT_IN_SITES.flatMap((s) => s.matches);
    // The content script's matches are the registry's list (it runs page code on import: read, not loaded).
    expect(readFileSync(resolve(__dirname, '../../../entrypoints/content.ts'), 'utf8')).toMatch(/\bmatches: BUILT_IN_MATCHES,/);
    for (const b of ['chrome', 'firefox'] as const) expect((await storeManifest(b)).host_permissions).toEqual(all);
  });

  it('every host the manifest covers picks its own site adapter; no foreign host is claimed', async () => {
    const manifestHosts = ((await storeManifest('chrome')).host_permissions ?? []).map(hostPatternOf);
    const patterns = manifestHosts.map((p) => new MatchPattern(p));
    const covered = (h: string) => patterns.some((p) => p.includes(`https://${h}/`));
    const samples = [...new Set(manifestHosts.flatMap(samplesOf))];
    expect(samples).toEqual(expect.arrayContaining(['app-na2.hubspot.com', 'app-eu1.hubspot.com', 'outlook.cloud.microsoft', 'acme.crm16.dynamics.com', 'acme--uat.sandbox.lightning.force.com', 'acme.myfreshworks.com']));
    for (const host of [...samples, ...FOREIGN]) {
      const claimed = ADAPTERS.filter((a) => a.matchesHost(host)).map((a) => a.id);
      // Manifest → adapter: a covered host is claimed by exactly the site whose pattern covers it.
      const site = BUILT_IN_SITES.find((s) => s.matches.some((m) => new MatchPattern(hostPatternOf(m)).includes(`https://${host}/`)));
      expect(claimed, host).toEqual(site ? [site.id] : []);
      // Adapter → manifest: a claimed host is one the manifest injects the content script on.
      expect(claimed.length > 0, host).toBe(covered(host));
      expect(siteForHost(host), host).toBe(site?.id ?? null);
    }
  });

  it('chooses the adapter by host on every real host, whatever the page looks like', () => {
    const blank = new (class {
      querySelector() {
        return null;
      }
    })() as unknown as Document;
    for (const site of BUILT_IN_SITES) {
      for (const host of site.matches.flatMap(samplesOf)) expect(pickAdapter(blank, new URL(`https://${host}/x`)).id, host).toBe(site.id);
    }
  });
});
