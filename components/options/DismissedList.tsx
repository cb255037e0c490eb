/**
 * "Not relevant" marks, listed on the options page (section Me) with undo per
 * item: one mark is one colleague for one customer or topic. After an undo,
 * focus moves to the next item's button, or to the list's heading.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '@/utils/i18n';
import { sendMessage, type DismissedMark } from '@/utils/messaging/protocol';
import { formatNumber } from '@/components/common/graph-summary';
import { btn, card, Empty, ErrorNote, errorMessage, Loading, muted } from './ui';

type State = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; marks: DismissedMark[] };

const keyOf = (m: DismissedMark) => `${m.personId}\u0000${m.entityId}`;

export function DismissedList() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const focusIndex = useRef<number | null>(null);

  const load = useCallback(() => {
    setState({ status: 'loading' });
    sendMessage('listDismissed', undefined)
      .then((marks) => setState({ status: 'ready', marks }))
      .catch((e) => setState({ status: 'error', error: errorMessage(e) }));
  }, []);
  useEffect(load, [load]);

  useEffect(() => {
    const i = focusIndex.current;
    if (i === null || state.status !== 'ready') return;
    focusIndex.current = null;
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-undo]') ?? []);
    (buttons[Math.min(i, buttons.length - 1)] ?? headingRef.current)?.focus();
  }, [state]);

  const undo = async (m: DismissedMark, index: number) => {
    const k = keyOf(m);
    setBusy(k);
    setNote(null);
    try {
      await sendMessage('dismissSuggestion', { personId: m.personId, entityId: m.entityId, undo: true });
      focusIndex.current = index;
      setState((s) => (s.status === 'ready' ? { status: 'ready', marks: s.marks.filter((x) => keyOf(x) !== k) } : s));
      setNote({ text: t('opt_dismissed_undone', [m.personName ?? m.personId, m.entityName ?? m.entityId]) });
    } catch (e) {
      setNote({ text: t('opt_dismissed_failed', [errorMessage(e)]), error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={card} data-dismissed-list="true">
      <h3 ref={headingRef} tabIndex={-1} className="font-semibold">
        {t('opt_dismissed_title')}
        {state.status === 'ready' && state.marks.length ? <span className={`ml-2 text-sm font-normal ${muted}`}>({formatNumber(state.marks.length)})</span> : null}
      </h3>
      <p className={`mb-2 text-sm ${muted}`}>{t('opt_dismissed_help')}</p>
      {state.status === 'loading' ? (
        <Loading label={t('opt_dismissed_loading')} />
      ) : state.status === 'error' ? (
        <ErrorNote message={state.error} onRetry={load} />
      ) : state.marks.length === 0 ? (
        <Empty>{t('opt_dismissed_none')}</Empty>
      ) : (
        <ul ref={listRef} className="divide-y divide-slate-200 dark:divide-slate-700">
          {state.marks.map((m, i) => {
            const person = m.personName ?? m.personId;
            const entity = m.entityName ?? m.entityId;
            return (
              <li key={keyOf(m)} data-mark={keyOf(m)} className="flex items-center justify-between gap-3 py-2">
                <span>{t('opt_dismissed_item', [person, entity])}</span>
                <button
                  type="button"
                  data-undo="true"
                  className={btn}
                  disabled={busy !== null}
                  aria-label={t('opt_dismissed_undo_label', [person, entity])}
                  onClick={() => void undo(m, i)}
                >
                  {t('sp_undo')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className={`mt-2 text-sm empty:hidden ${note?.error ? 'text-red-800 dark:text-red-200' : 'text-emerald-800 dark:text-emerald-300'}`}>
        {note?.text ?? ''}
      </p>
    </div>
  );
}
