/**
 * The hover card's content, drawn inside its extension frame (entrypoints/
 * hovercard): the entity, its top three colleagues with one reason each
 * (worded by components/common/reasons.ts, as in the side panel), "Open in
 * side panel" and a close button. Plain DOM: the frame loads fast.
 */
import { t, uiLanguage, type MessageKey } from '../../utils/i18n';
import type { StagedHoverCard } from '../../utils/messaging/protocol';
import type { Suggestion } from '../../utils/ranking/types';
import { reasonSentences } from '../common/reasons';
import { strengthOf } from '../common/strength';
import { wordsOnlyNow } from '../common/strength-words';
import { awayUntil, localTime } from '../common/PersonCard.time';

export interface CardActions {
  close(): void;
  openPanel(): void;
}

type Make = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => HTMLElementTagNameMap[K];

/** Fills `card` (a role="dialog" element) with the staged card. */
export function renderCard(card: HTMLElement, staged: StagedHoverCard, actions: CardActions): void {
  const doc = card.ownerDocument;
  const el: Make = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const { kind, card: data } = staged;
  card.replaceChildren();
  const name = data.entity?.name ?? '';
  card.setAttribute('aria-label', t('hover_card_label', [name]));
  card.dataset.entityKind = kind;

  const head = el('header', 'head');
  const titles = el('div', 'titles');
  titles.append(el('span', `kind kind-${kind}`, t(`hover_kind_${kind}` as MessageKey)), el('h1', 'name', name));
  const close = el('button', 'close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', t('hover_close'));
  close.addEventListener('click', () => actions.close());
  head.append(titles, close);

  const body = el('div', 'body');
  if (data.status === 'no-graph') {
    body.append(el('p', 'muted', t('hover_no_graph')));
  } else if (!data.suggestions.length) {
    body.append(el('p', 'muted', t('hover_no_colleagues')));
  } else {
    const list = el('ul', 'people');
    list.setAttribute('aria-label', t('hover_colleagues'));
    for (const s of data.suggestions.slice(0, 3)) list.append(personItem(s, el));
    body.append(el('h2', 'sub', t('hover_colleagues')), list);
  }

  const foot = el('footer', 'foot');
  const open = el('button', 'link', t('hover_open_panel'));
  open.type = 'button';
  open.addEventListener('click', () => actions.openPanel());
  foot.append(open);
  card.append(head, body, foot);
}

function personItem(s: Suggestion, el: Make): HTMLLIElement {
  const li = el('li', 'person');
  li.dataset.personId = s.person.id;
  li.append(el('span', 'pname', s.person.name));
  // Works-council mode: words, never a number (the frame waits for the policy before it draws: frame-app.ts).
  const words = wordsOnlyNow();
  if (words !== undefined) {
    const strength = strengthOf(s, { words });
    const meter = el('span', 'strength', strength.short);
    if (strength.words) meter.dataset.band = strength.words;
    else meter.dataset.strength = String(strength.value);
    meter.title = strength.label;
    li.append(meter);
  }
  // The colleague's local time, in the UI language (as on the side panel's card).
  const now = new Date();
  const time = localTime(s.person.timezone, now, uiLanguage());
  const away = awayUntil(s.person.awayUntil, now, uiLanguage());
  const meta = [s.person.title, s.person.location, time ? t('card_local_time', [time]) : '', away ? t('card_away_until', [away]) : ''].filter(Boolean).join(' · ');
  if (meta) li.append(el('span', 'meta', meta));
  // The strongest reason, worded as in the side panel and the popup (plural-aware reason_* keys).
  const reason = reasonSentences(s.reasons, 1)[0];
  if (reason) li.append(el('span', 'reason', reason));
  return li;
}
