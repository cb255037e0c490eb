/** The popup's pure logic (unit-tested): keyboard moves, status words, mail context of a hit. */
import type { MailContext } from '@/components/common/actions';
import { t } from '@/utils/i18n';
import { formatNumber } from '@/components/common/graph-summary';
import type { PersonHit, TabView } from '@/utils/messaging/protocol';

/** Next active result for ↑/↓/Home/End; -1 means none. Clamped (no wrap), so holding a key stops at the ends. */
export function moveActive(active: number, key: string, count: number): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return active < 0 ? 0 : Math.min(count - 1, active + 1);
    case 'ArrowUp':
      return active <= 0 ? 0 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return active;
  }
}

/** Which result Enter opens: the active one, else the first. */
export function enterTarget(active: number, hits: readonly PersonHit[]): PersonHit | undefined {
  return hits[active >= 0 ? active : 0];
}

/** The customer and topic a ranked hit was found for (for the prefilled email). */
export function mailContextOf(hit: PersonHit): MailContext {
  const ctx: MailContext = {};
  for (const r of hit.suggestion?.reasons ?? []) {
    if (r.entityKind === 'account' && !ctx.accountName) ctx.accountName = r.entityName;
    if (r.entityKind === 'topic' && !ctx.topicLabel) ctx.topicLabel = r.entityName;
  }
  return ctx;
}

/** Whether the one-click pause applies to this tab, and which way. */
export function pauseAction(view: TabView | null): 'pause' | 'resume' | null {
  if (!view || !view.host) return null;
  if (view.status === 'paused') return 'resume';
  if (view.status === 'ok' || view.status === 'empty' || view.status === 'loading') return 'pause';
  return null;
}

/** One line about this tab. */
export function tabStatusText(view: TabView | null, rescanning = false): string {
  if (!view) return t('popup_tab_unknown');
  const host = view.host ?? '';
  // Right after "Try the demo" the page is read again: not "nothing found" before it has reported.
  if (rescanning && host && (view.status === 'empty' || view.status === 'no-graph' || view.status === 'loading')) return t('popup_tab_rescanning', host);
  switch (view.status) {
    case 'ok': {
      const n = view.entities.length;
      return n === 1 ? t('popup_tab_ok_one', [host, formatNumber(n)]) : t('popup_tab_ok_other', [host, formatNumber(n)]);
    }
    case 'empty':
      return t('popup_tab_empty', host);
    case 'loading':
      return t('popup_tab_loading', host);
    case 'paused':
      return t('popup_tab_paused', host);
    case 'guarded':
      return t('popup_tab_guarded', host);
    case 'not-enabled':
      return host ? t('popup_tab_not_enabled', host) : t('popup_tab_no_site');
    case 'no-graph':
      return t('popup_tab_no_graph');
    default:
      return t('popup_tab_no_site');
  }
}

/**
 * The new answer, with every hit that equals the one shown before for the same colleague replaced
 * by that earlier object (and the earlier list itself when nothing changed), so the memoized rows
 * of unchanged hits do not render again. Typing a name letter by letter, about half the answers
 * equal the one before (the benchmark's 9 queries: 66 of 134 keystrokes; 603 of 1,402 rows).
 * Hits are plain JSON (they came through the message), so equal JSON is equal content.
 */
export function reuseEqualHits(prev: readonly PersonHit[], next: PersonHit[]): PersonHit[] {
  if (!prev.length || !next.length) return next;
  const before = new Map(prev.map((h) => [h.person.id, h]));
  let same = prev.length === next.length;
  const out = next.map((h, i) => {
    const old = before.get(h.person.id);
    const kept = old !== undefined && JSON.stringify(old) === JSON.stringify(h) ? old : h;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  return same ? (prev as PersonHit[]) : out;
}
