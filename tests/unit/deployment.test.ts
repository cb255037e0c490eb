/**
 * The deployment examples of docs/deployment/ (issue 17): they parse, name Kenner's ids, and
 * Kenner accepts every policy key in them (none refused, so none falls back to its most
 * restrictive value); the id documented for Chrome/Edge is the one wxt.config.ts's key gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../utils/settings/policy';
import { extensionIdFromKey } from '../../scripts/extension-id.mjs';

const CHROME_ID = 'fncnijbmoeiebhajnkggnibgfkdnkloh';
const GECKO_ID = 'kenner@kenner.example';
const read = (f: string) => readFileSync(`docs/deployment/${f}`, 'utf8');

describe('deployment examples', () => {
  it('wxt.config.ts: the Chrome key gives the documented id; the Firefox id is the documented one', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    const key = /CHROME_PUBLIC_KEY =\s*'([^']+)'/.exec(config)?.[1];
    expect(key).toBeTruthy();
    expect(extensionIdFromKey(key!)).toBe(CHROME_ID);
    expect(config).toContain(`CHROME_EXTENSION_ID = '${CHROME_ID}'`);
    expect(config).toContain(`GECKO_ID = '${GECKO_ID}'`);
  });

  it('Chrome/Edge: force-install and the Kenner policy, every key accepted', () => {
    const p = JSON.parse(read('chrome-edge-policy.json')) as {
      ExtensionInstallForcelist: string[];
      ExtensionSettings: Record<string, { installation_mode: string; update_url: string }>;
      '3rdparty': { extensions: Record<string, unknown> };
    };
    expect(p.ExtensionInstallForcelist).toEqual([`${CHROME_ID};https://updates.example.com/kenner/update.xml`]);
    expect(p.ExtensionSettings[CHROME_ID]).toMatchObject({ installation_mode: 'force_installed', update_url: 'https://updates.example.com/kenner/update.xml' });
    const { refused, policy } = parsePolicy(p['3rdparty'].extensions[CHROME_ID]);
    expect(refused).toEqual([]);
    expect(policy).toMatchObject({ graphSource: 'remote', logRetentionDays: 14, allowImport: false });
  });

  it('Firefox: ExtensionSettings and 3rdparty.Extensions, every key accepted', () => {
    const { policies } = JSON.parse(read('firefox-policies.json')) as {
      policies: { ExtensionSettings: Record<string, { installation_mode: string; install_url: string }>; '3rdparty': { Extensions: Record<string, unknown> } };
    };
    expect(policies.ExtensionSettings[GECKO_ID].installation_mode).toBe('force_installed');
    const { refused } = parsePolicy(policies['3rdparty'].Extensions[GECKO_ID]);
    expect(refused).toEqual([]);
  });

  it('self-hosted update manifests name the ids', () => {
    expect(read('update.xml')).toContain(`appid='${CHROME_ID}'`);
    const updates = JSON.parse(read('updates.json')) as { addons: Record<string, { updates: Array<{ version: string; update_link: string }> }> };
    expect(updates.addons[GECKO_ID].updates[0].update_link).toMatch(/^https:\/\/.+\.xpi$/);
  });

  it('the README’s administrator section names the ids and links the examples', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const s of [CHROME_ID, GECKO_ID, 'ExtensionInstallForcelist', 'ExtensionSettings', 'docs/deployment.md']) expect(readme.includes(s), s).toBe(true);
  });
});
