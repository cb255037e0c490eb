import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setPolicy } from './managed';
import { readFileSync } from 'node:fs';
import { applyPolicy, changeSettings, getEffectiveSettings, LockedSettingError, PolicySchema } from '../../../utils/settings/policy';
import { DEFAULT_SETTINGS, getSettings } from '../../../utils/settings/items';
import { validate } from '../../../utils/messaging/messages';


describe('administrator policy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('without a policy everything is the user’s and nothing is locked', async () => {
    const eff = await getEffectiveSettings();
    expect(eff.locked).toEqual([]);
    expect(eff.settings).toEqual(DEFAULT_SETTINGS);
    expect(eff.policy.allowImport).toBe(true);
  });

  it('a policy value is in force and locked, and the user’s own value is kept underneath', async () => {
    await changeSettings({ highlight: false, hoverCard: false });
    await setPolicy({ highlight: true, sites: { gmail: false }, allowImport: false });
    const eff = await getEffectiveSettings();
    expect(eff.settings.highlight).toBe(true);
    expect(eff.settings.hoverCard).toBe(false);
    expect(eff.settings.sites.gmail).toBe(false);
    expect(eff.locked).toEqual(expect.arrayContaining(['highlight', 'sites', 'allowImport']));
    expect(eff.policy.allowImport).toBe(false);
    expect((await getSettings()).highlight).toBe(false);
  });

  it('a locked setting cannot be changed, by the options page or by a message', async () => {
    await setPolicy({ highlight: true, logRetentionDays: 7 });
    await expect(changeSettings({ highlight: false })).rejects.toBeInstanceOf(LockedSettingError);
    // The same patch as the options page sends it through the protocol.
    await expect(changeSettings(validate('updateSettings', { logRetentionDays: 90 }))).rejects.toBeInstanceOf(LockedSettingError);
    expect((await getEffectiveSettings()).settings.logRetentionDays).toBe(7);
    // Unlocked keys still change.
    await changeSettings({ hoverCard: false });
    expect((await getEffectiveSettings()).settings.hoverCard).toBe(false);
  });

  it('forbidding pause clears paused hosts and locks them', () => {
    const eff = applyPolicy({ ...DEFAULT_SETTINGS, pausedHosts: ['mail.google.com'] }, { allowPause: false });
    expect(eff.settings.pausedHosts).toEqual([]);
    expect(eff.locked).toContain('pausedHosts');
  });

  it('the manifest’s managed_schema.json declares every policy key the code reads', () => {
    const schema = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as { properties: Record<string, unknown> };
    const declared = Object.keys(schema.properties).sort();
    const read = Object.keys(PolicySchema.shape).sort();
    expect(declared).toEqual(read);
  });

  it('rejects malformed setting patches before they reach storage', () => {
    expect(() => validate('updateSettings', { highlight: 'yes' })).toThrow();
    expect(() => validate('updateSettings', { unknownKey: true })).toThrow();
    expect(() => validate('updateSettings', { logRetentionDays: -1 })).toThrow();
  });
});
