/** The `worksCouncil` policy key: in force with its defaults, capping the lookup log, failing closed to "on". */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setPolicy } from './managed';
import { changeSettings, getEffectiveSettings, parsePolicy } from '../../../utils/settings/policy';

describe('works-council policy key', () => {
  beforeEach(() => fakeBrowser.reset());

  it('without it the mode is off and the user keeps their retention', async () => {
    await changeSettings({ logRetentionDays: 90 });
    const eff = await getEffectiveSettings();
    expect(eff.policy.worksCouncil?.enabled).toBe(false);
    expect(eff.settings.logRetentionDays).toBe(90);
  });

  it('in force with its defaults, and its retention caps the lookup log (the user may keep it shorter)', async () => {
    await changeSettings({ logRetentionDays: 90 });
    await setPolicy({ worksCouncil: { enabled: true, retentionDays: 14 } });
    let eff = await getEffectiveSettings();
    expect(eff.policy.worksCouncil).toEqual({ enabled: true, minGroupSize: 5, lookBackMonths: null, retentionDays: 14, colleagueDefault: 'shown-unless-opted-out' });
    expect(eff.settings.logRetentionDays).toBe(14);
    expect(eff.policy.values?.worksCouncil).toEqual({ enabled: true, retentionDays: 14 });
    await changeSettings({ logRetentionDays: 7 });
    eff = await getEffectiveSettings();
    expect(eff.settings.logRetentionDays).toBe(7);
  });

  it('a value Kenner cannot read turns the mode on with its defaults', () => {
    const { policy, refused } = parsePolicy({ worksCouncil: { enabled: 'yes', minGroupSize: 1 } });
    expect(refused.map((r) => r.key)).toEqual(['worksCouncil']);
    expect(policy.worksCouncil).toEqual({ enabled: true });
  });
});
