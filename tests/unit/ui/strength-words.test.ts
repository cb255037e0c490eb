// @vitest-environment jsdom
/**
 * Works-council mode shows strength as three words, never a number: the
 * shared strength view, and the hover card's list drawn with it (the side
 * panel and popup use the same view through PersonCard; the e2e test
 * tests/e2e/works-council.spec.ts checks them in Chromium under a policy).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StagedHoverCard } from '../../../utils/messaging/protocol';

vi.mock('../../../utils/i18n', () => ({
  t: (key: string, subs?: unknown) => `${key}(${([] as unknown[]).concat(subs ?? []).join('|')})`,
  uiLanguage: () => 'en',
  pluralOf: (count: number, lang = 'en') => (new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other'),
}));
import { strengthOf } from '../../../components/common/strength';
import { resetWordsOnly } from '../../../components/common/strength-words';
import { renderCard } from '../../../components/hovercard/card-view';

afterEach(() => resetWordsOnly());

describe('strength in words (works-council mode)', () => {
  it('maps the three bands to the three words and says no number', () => {
    expect(strengthOf({ score: 80, strengths: {} }, { words: true })).toMatchObject({ words: 'well', short: 'band_well()' });
    expect(strengthOf({ score: 50, strengths: {} }, { words: true })).toMatchObject({ words: 'worked', short: 'band_worked()' });
    expect(strengthOf({ score: 10, strengths: {} }, { words: true })).toMatchObject({ words: 'met', short: 'band_met()' });
    const v = strengthOf({ score: 77, strengths: {} }, { words: true });
    expect(`${v.label} ${v.short}`).not.toMatch(/\d/);
    // Outside the mode: the number, as before.
    expect(strengthOf({ score: 77, strengths: {} }).short).toContain('77');
  });

  it('the hover card lists colleagues with words, not numbers, when the mode is on', () => {
    const person = (id: string, score: number) => ({ person: { id, name: `Person ${id}` }, score, strengths: {}, roles: [], reasons: [] });
    const staged: StagedHoverCard = {
      seq: 1,
      kind: 'account',
      focus: false,
      card: { entity: { kind: 'account', id: 'a', name: 'Acme', via: 'text', count: 1 }, suggestions: [person('p1', 90), person('p2', 40)], status: 'ok' },
    };
    const draw = () => {
      const card = document.createElement('section');
      renderCard(card, staged, { close: vi.fn(), openPanel: vi.fn() });
      return [...card.querySelectorAll('.strength')];
    };
    resetWordsOnly(true);
    const on = draw();
    expect(on.map((m) => m.getAttribute('data-band'))).toEqual(['well', 'worked']);
    expect(on.map((m) => m.hasAttribute('data-strength'))).toEqual([false, false]);
    expect(on.map((m) => m.textContent).join(' ')).not.toMatch(/\d/);
    resetWordsOnly(false);
    expect(draw().map((m) => m.getAttribute('data-strength'))).toEqual(['90', '40']);
  });
});
