/**
 * The popup's "recurring problems" view (issue 15): topics raised in cases at
 * the most distinct customers in the period, then by their rise against the
 * period before (utils/ranking/recurring.ts). Customers are counted, never
 * people: no colleague's name or number is on this view.
 */
import { useEffect, useState } from 'react';
import { buttonSecondary } from '@/components/common/StateView';
import { t, uiLanguage } from '@/utils/i18n';
import { sendMessage, type RecurringAnswer } from '@/utils/messaging/protocol';

const muted = 'text-slate-600 dark:text-slate-300';

export function RecurringView({ onBack }: { onBack: () => void }) {
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error'; answer?: RecurringAnswer; error?: string }>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    sendMessage('getRecurring', {})
      .then((answer) => live && setState({ status: 'ready', answer }))
      .catch((e: unknown) => live && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, []);
  const lang = uiLanguage();
  const n = (x: number) => new Intl.NumberFormat(lang).format(x);
  const signed = (x: number) => new Intl.NumberFormat(lang, { signDisplay: 'exceptZero' }).format(x);
  const a = state.answer;
  return (
    <section aria-labelledby="recurring-h" className="space-y-2" data-view="recurring" aria-busy={state.status === 'loading'}>
      <div className="flex items-center justify-between gap-2">
        <h2 id="recurring-h" className="font-semibold">
          {t('recurring_title')}
        </h2>
        <button type="button" className={buttonSecondary} onClick={onBack}>
          {t('recurring_back')}
        </button>
      </div>
      {state.status === 'loading' ? (
        <p data-state="loading" className={muted}>
          {t('recurring_loading')}
        </p>
      ) : state.status === 'error' ? (
        <p role="alert" data-state="error" className="text-sm text-red-800 dark:text-red-200">
          {t('recurring_error')} {state.error}
        </p>
      ) : a?.status === 'no-graph' ? (
        <p data-state="no-graph" className={muted}>
          {t('recurring_no_graph')}
        </p>
      ) : a ? (
        <>
          <p className={`text-xs ${muted}`}>{t('recurring_intro', [n(a.days), n(a.minGroup)])}</p>
          {a.topics.length === 0 ? (
            <p data-state="empty" className={muted}>
              {t('recurring_empty', [n(a.minGroup), n(a.days)])}
            </p>
          ) : (
            <table className="w-full text-sm" data-recurring>
              <thead>
                <tr className="text-left">
                  <th scope="col">{t('recurring_col_topic')}</th>
                  <th scope="col" className="text-right">
                    {t('recurring_col_customers')}
                  </th>
                  <th scope="col" className="text-right">
                    {t('recurring_col_solved')}
                  </th>
                  <th scope="col" className="text-right">
                    {t('recurring_col_rise')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.topics.map((x) => (
                  <tr key={x.topicId} data-topic-id={x.topicId} data-customers={x.customers}>
                    <td>{x.name}</td>
                    <td className="text-right tabular-nums">{n(x.customers)}</td>
                    <td className="text-right tabular-nums">{n(x.solved)}</td>
                    <td className="text-right tabular-nums">{signed(x.rise)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
