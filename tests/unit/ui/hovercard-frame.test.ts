// @vitest-environment jsdom
/** The hover card's content, drawn in its extension frame: wording, colleagues, actions. */
import { describe, expect, it, vi } from 'vitest';
import type { Reason } from '../../../utils/ranking/types';
import type { StagedHoverCard } from '../../../utils/messaging/protocol';

// utils/i18n pulls wxt/browser, which cannot load under jsdom here: a stand-in that shows key and substitutions.
vi.mock('../../../utils/i18n', () => ({
  t: (key: string, subs?: unknown) => `${key}(${([] as unknown[]).concat(subs ?? []).join('|')})`,
  uiLanguage: () => 'en',
  pluralOf: (count: number, lang = 'en') => (new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other'),
}));
import { renderCard } from '../../../components/hovercard/card-view';
import { reasonSentences } from '../../../components/common/reasons';

const reasons: Reason[] = [{ kind: 'meeting', count: 3, entityId: 'a-brightwater', entityKind: 'account', entityName: 'Brightwater Retail plc', weight: 1 }];
const person = (id: string) => ({ person: { id, name: `Person ${id}`, title: 'Engineer', location: 'Berlin' }, score: 50, strengths: {}, roles: [], reasons });
const staged = (over: Partial<StagedHoverCard['card']> = {}): StagedHoverCard => ({
  seq: 1,
  kind: 'account',
  focus: false,
  card: { entity: { kind: 'account', id: 'a-brightwater', name: 'Brightwater Retail plc', via: 'text', count: 1 }, suggestions: ['p1', 'p2', 'p3', 'p4'].map(person), status: 'ok', ...over },
});

function draw(s: StagedHoverCard) {
  const card = document.createElement('section');
  card.setAttribute('role', 'dialog');
  document.body.replaceChildren(card);
  const actions = { close: vi.fn(), openPanel: vi.fn() };
  renderCard(card, s, actions);
  return { card, actions };
}

describe('hover card content (extension frame)', () => {
  it('names the entity, lists the top three colleagues with the side panel’s wording, and acts', () => {
    const { card, actions } = draw(staged());
    expect(card.getAttribute('aria-label')).toBe('hover_card_label(Brightwater Retail plc)');
    expect(card.querySelector('h1')?.textContent).toBe('Brightwater Retail plc');
    expect([...card.querySelectorAll('[data-person-id]')].map((li) => li.getAttribute('data-person-id'))).toEqual(['p1', 'p2', 'p3']);
    expect([...card.querySelectorAll('.reason')].map((r) => r.textContent)).toEqual(['p1', 'p2', 'p3'].map((id) => reasonSentences(person(id).reasons, 1)[0]));
    expect(card.textContent).toContain('reason_meeting_party_other(3|Brightwater Retail plc)');
    expect(card.querySelector('.meta')?.textContent).toBe('Engineer · Berlin');
    (card.querySelector('button.close') as HTMLButtonElement).click();
    expect(actions.close).toHaveBeenCalledTimes(1);
    (card.querySelector('button.link') as HTMLButtonElement).click();
    expect(actions.openPanel).toHaveBeenCalledTimes(1);
    expect(card.querySelector('button.close')?.getAttribute('aria-label')).toBe('hover_close()');
  });

  it('words reasons plural-aware, with the month in the UI language', () => {
    const text = reasonSentences([{ kind: 'deal-won', count: 2, entityId: 'a', entityKind: 'account', entityName: 'Nordlicht Logistik GmbH', last: '2026-09-30', weight: 1 }], 1)[0];
    expect(text).toBe('reason_with_last(reason_deal_won_party_other(2|Nordlicht Logistik GmbH)|Sep 2026)');
    const one = reasonSentences([{ kind: 'deal-won', count: 1, entityId: 'a', entityKind: 'account', entityName: 'Nordlicht Logistik GmbH', weight: 1 }], 1)[0];
    expect(one).toBe('reason_deal_won_party_one(1|Nordlicht Logistik GmbH)');
  });

  it('says so when there is no graph or nobody knows the entity', () => {
    expect(draw(staged({ status: 'no-graph', suggestions: [] })).card.textContent).toContain('hover_no_graph');
    expect(draw(staged({ suggestions: [] })).card.textContent).toContain('hover_no_colleagues');
  });
});
