// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

// wxt/browser's test double imports 'wxt/testing', which loads esbuild, which
// refuses to start under jsdom; the fake browser itself is all we need.
vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});
import { INTERACTION_KINDS, type EntityKind } from '@/utils/graph/model';
import type { Reason } from '@/utils/ranking/types';
import { formatMonthYear, reasonItems, reasonLink, reasonSentence, reasonSentences, sourceName } from '@/components/common/reasons';
import { LANGS, loadMessages, setLocale } from './reasons-i18n';

const reason = (over: Partial<Reason>): Reason => ({
  kind: 'deal-won',
  count: 2,
  entityId: 'a-nordlicht',
  entityKind: 'account',
  entityName: 'Nordlicht Logistik GmbH',
  weight: 1,
  ...over,
});

describe('reason sentences (en)', () => {
  beforeEach(() => setLocale('en'));

  it('name the system the latest evidence came from, but not a mere channel, and link only to web records', () => {
    const r = reason({ kind: 'case-resolved', count: 3, entityName: 'Havbryggen Shipping A/S', last: '2026-07-01', source: 'zendesk', url: 'https://kennerdemo.zendesk.com/agent/tickets/47311' });
    expect(reasonSentence(r, 'en')).toBe('resolved 3 cases for Havbryggen Shipping A/S, last in Jul 2026 (Zendesk)');
    expect(reasonItems([r], 1, 'en')).toEqual([{ text: 'resolved 3 cases for Havbryggen Shipping A/S, last in Jul 2026 (Zendesk)', url: 'https://kennerdemo.zendesk.com/agent/tickets/47311' }]);
    expect(reasonSentence(reason({ kind: 'meeting', count: 3, source: 'calendar' }), 'en')).toBe('3 meetings with Nordlicht Logistik GmbH');
    expect(sourceName('microsoft365')).toBe('Microsoft 365');
    expect(sourceName('Jira Service Management')).toBe('Jira Service Management');
    expect(sourceName(' email ')).toBeNull();
    expect(reasonLink({ url: 'javascript:alert(1)' })).toBeNull();
    expect(reasonLink({ url: 'file:///etc/passwd' })).toBeNull();
    expect(reasonLink({ url: 'not a url' })).toBeNull();
  });

  it('reads like the product brief, with plural, count and month of the last one', () => {
    expect(reasonSentence(reason({ last: '2025-09-30' }), 'en')).toBe('won 2 deals with Nordlicht Logistik GmbH, last in Sep 2025');
    expect(reasonSentence(reason({ count: 1 }), 'en')).toBe('won a deal with Nordlicht Logistik GmbH');
    expect(
      reasonSentence(reason({ kind: 'case-resolved', count: 5, entityKind: 'topic', entityId: 't-s4', entityName: 'SAP S/4HANA migration' }), 'en'),
    ).toBe('resolved 5 SAP S/4HANA migration cases');
    expect(reasonSentence(reason({ kind: 'meeting', count: 3 }), 'en')).toBe('3 meetings with Nordlicht Logistik GmbH');
    expect(reasonSentence(reason({ kind: 'email', count: 24 }), 'en')).toBe('24 emails with Nordlicht Logistik GmbH');
    expect(reasonSentence(reason({ kind: 'email', count: 1, entityKind: 'topic', entityName: 'EDI integration' }), 'en')).toBe(
      '1 email about EDI integration',
    );
  });

  it('puts roles and skills without counts; an ongoing role says since when, never "last in"', () => {
    expect(reasonSentence(reason({ kind: 'account-owner', count: 1, last: '2024-01-01' }), 'en')).toBe('account owner of Nordlicht Logistik GmbH, since Jan 2024');
    expect(reasonSentence(reason({ kind: 'account-owner', count: 1 }), 'en')).toBe('account owner of Nordlicht Logistik GmbH');
    expect(reasonSentence(reason({ kind: 'account-team', count: 1 }), 'en')).toBe('account team of Nordlicht Logistik GmbH');
    expect(reasonSentence(reason({ kind: 'skill', count: 1, entityKind: 'topic', entityName: 'EDI integration' }), 'en')).toBe('skill: EDI integration');
  });

  it('formats large counts with the locale and ignores a broken date', () => {
    expect(reasonSentence(reason({ kind: 'email', count: 1234, last: 'not a date' }), 'en')).toBe('1,234 emails with Nordlicht Logistik GmbH');
  });

  it('orders by weight, drops duplicates and stops at the limit', () => {
    const out = reasonSentences(
      [
        reason({ kind: 'meeting', count: 3, weight: 1 }),
        reason({ kind: 'deal-won', count: 2, weight: 5 }),
        reason({ kind: 'deal-won', count: 2, weight: 4 }),
        reason({ kind: 'email', count: 9, weight: 2 }),
      ],
      2,
      'en',
    );
    expect(out).toEqual(['won 2 deals with Nordlicht Logistik GmbH', '9 emails with Nordlicht Logistik GmbH']);
  });
});

describe('reason sentences in all five languages', () => {
  const kinds = [...INTERACTION_KINDS, 'skill'] as const;
  const entityKinds: EntityKind[] = ['account', 'contact', 'topic'];

  for (const lang of LANGS) {
    it(`${lang}: every kind reads as a finished sentence naming the entity, with the count and month`, () => {
      setLocale(lang);
      for (const kind of kinds) {
        for (const entityKind of entityKinds) {
          const name = entityKind === 'topic' ? 'EDI integration' : 'Nordlicht Logistik GmbH';
          const many = reasonSentence(reason({ kind, count: 7, entityKind, entityName: name, last: '2025-09-30' }), lang);
          const one = reasonSentence(reason({ kind, count: 1, entityKind, entityName: name }), lang);
          for (const s of [many, one]) {
            expect(s, `${lang} ${kind} ${entityKind}`).toContain(name);
            expect(s, `${lang} ${kind} ${entityKind}`).not.toMatch(/\$|reason_|undefined/);
          }
          const counted = !['account-owner', 'account-team', 'skill', 'self-declared'].includes(kind);
          if (counted) {
            expect(many, `${lang} ${kind}`).toContain('7');
            expect(many, `${lang} ${kind}`).toContain(formatMonthYear('2025-09-30', lang)!);
            // Some nouns have one form for both (da "opkald", sv "mejl"); deals never do.
            if (kind === 'deal-won') expect(one, `${lang} ${kind}: singular form`).not.toBe(many.split(',')[0].replace('7', '1'));
          }
        }
      }
    });
  }

  it('is really translated: German, Dutch, Danish and Swedish differ from English', () => {
    const r = reason({ last: '2025-09-30' });
    setLocale('en');
    const en = reasonSentence(r, 'en');
    const seen = new Set([en]);
    for (const lang of ['de', 'nl', 'da', 'sv'] as const) {
      setLocale(lang);
      const s = reasonSentence(r, lang);
      expect(seen.has(s), `${lang}: ${s}`).toBe(false);
      seen.add(s);
    }
    setLocale('de');
    expect(reasonSentence(r, 'de')).toMatch(/^2 Deals mit Nordlicht Logistik GmbH gewonnen, zuletzt /);
    setLocale('sv');
    expect(reasonSentence(reason({ count: 1 }), 'sv')).toBe('vann en affär med Nordlicht Logistik GmbH');
  });

  it('every sp_/card_/reason_/state_ key exists in all five locales with the same placeholders', () => {
    const en = loadMessages('en');
    const mine = Object.keys(en).filter((k) => /^(sp|card|reason|state)_/.test(k));
    expect(mine.length).toBeGreaterThan(50);
    for (const lang of LANGS) {
      const m = loadMessages(lang);
      for (const key of mine) {
        expect(m[key], `${lang} ${key}`).toBeDefined();
        expect(Object.keys(m[key].placeholders ?? {}).sort(), `${lang} ${key}`).toEqual(Object.keys(en[key].placeholders ?? {}).sort());
        const used = [...m[key].message.matchAll(/\$([A-Za-z_]+)\$/g)].map((x) => x[1].toLowerCase());
        for (const u of used) expect(en[key].placeholders?.[u], `${lang} ${key} uses $${u}$`).toBeDefined();
      }
    }
  });
});
