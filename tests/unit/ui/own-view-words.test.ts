// @vitest-environment jsdom
/**
 * Issue 15 words in the five UI languages: the side panel's recurring line
 * (plural rules, numbers formatted), the claimed skill ("says: ask me about …")
 * through the side panel's own reason wording, and the decay sentence's numbers.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});
import { reasonSentence } from '@/components/common/reasons';
import { recurringSentence } from '@/components/sidepanel/RecurringLine';
import { decayAfterYears } from '@/utils/ranking/own-view';
import { LANGS, setLocale } from './reasons-i18n';

describe('recurring line', () => {
  it('reads like the issue in English, with plural rules for both counts', () => {
    setLocale('en');
    expect(recurringSentence({ name: 'EDI integration', customers: 7, solved: 4 }, 90, 'en')).toBe('EDI integration came up at 7 customers in the last 90 days; 4 were solved.');
    expect(recurringSentence({ name: 'EDI integration', customers: 1, solved: 1 }, 90, 'en')).toBe('EDI integration came up at 1 customer in the last 90 days; 1 was solved.');
  });

  it('formats numbers in the UI language and leaves no placeholder, in all five', () => {
    for (const lang of LANGS) {
      setLocale(lang);
      const s = recurringSentence({ name: 'EDI', customers: 1234, solved: 2 }, 90, lang);
      expect(s, lang).toContain(new Intl.NumberFormat(lang).format(1234));
      expect(s, lang).toContain('EDI');
      expect(s, lang).not.toMatch(/\$|recurring_/);
    }
    setLocale('de');
    expect(recurringSentence({ name: 'EDI-Integration', customers: 7, solved: 4 }, 90, 'de')).toBe('EDI-Integration kam in den letzten 90 Tagen bei 7 Kunden vor; 4 wurden gelöst.');
  });
});

describe('a claimed skill', () => {
  it('is worded as the colleague\u2019s own statement in every language', () => {
    const r = { kind: 'skill' as const, count: 1, entityId: 't-edi', entityKind: 'topic' as const, entityName: 'EDI', weight: 2 };
    setLocale('en');
    expect(reasonSentence({ ...r, claimed: true }, 'en')).toBe('says: ask me about EDI');
    expect(reasonSentence(r, 'en')).not.toContain('says');
    for (const lang of LANGS) {
      setLocale(lang);
      expect(reasonSentence({ ...r, claimed: true }, lang), lang).toMatch(/EDI$/);
    }
  });
});

describe('how evidence fades (ranking.design.md)', () => {
  it('follows 0.75·e^(−t/1y) + 0.25·e^(−t/5y)', () => {
    expect(decayAfterYears(0)).toBeCloseTo(1, 10);
    expect(decayAfterYears(1)).toBeCloseTo(0.75 * Math.exp(-1) + 0.25 * Math.exp(-0.2), 10);
    expect(decayAfterYears(5)).toBeCloseTo(0.75 * Math.exp(-5) + 0.25 * Math.exp(-1), 10);
  });
});
