/** Issue 11: "me" can be set and locked by administrator policy (a policy written per user). */
import { describe, expect, it } from 'vitest';
import { applyPolicy, parsePolicy } from '../../../utils/settings/policy';
import { DEFAULT_SETTINGS } from '../../../utils/settings/items';

describe('policy: meId', () => {
  it('sets "me" and locks it; without the key the user chooses', () => {
    const { policy, refused } = parsePolicy({ meId: 'p-sofie' });
    expect(refused).toEqual([]);
    const eff = applyPolicy({ ...DEFAULT_SETTINGS, meId: 'p-joerg' }, policy);
    expect(eff.settings.meId).toBe('p-sofie');
    expect(eff.locked).toContain('meId');
    const free = applyPolicy({ ...DEFAULT_SETTINGS, meId: 'p-joerg' }, parsePolicy({}).policy);
    expect(free.settings.meId).toBe('p-joerg');
    expect(free.locked).not.toContain('meId');
  });

  it('refuses an empty id and leaves "me" to the user', () => {
    const { policy, refused } = parsePolicy({ meId: '' });
    expect(refused.map((r) => r.key)).toEqual(['meId']);
    expect(applyPolicy(DEFAULT_SETTINGS, policy).locked).not.toContain('meId');
  });
});
