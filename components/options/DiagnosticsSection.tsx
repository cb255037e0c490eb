/** Diagnostics: per site adapter, pages seen and selector misses (nothing here leaves the browser). */
import { useCallback, useEffect, useState } from 'react';
import { formatNumber } from '@/components/common/graph-summary';
import { t } from '@/utils/i18n';
import { sendMessage, type AdapterDiagnostics } from '@/utils/messaging/protocol';
import { btn, Empty, ErrorNote, errorMessage, Loading, muted, Section } from './ui';
import { PageOutline } from './PageOutline';

export function DiagnosticsSection() {
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; rows: AdapterDiagnostics[] }>({ status: 'loading' });
  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', rows: await sendMessage('getDiagnostics', undefined) });
    } catch (e) {
      setState({ status: 'error', error: errorMessage(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Section id="diagnostics" title={t('opt_nav_diagnostics')} intro={t('opt_diag_intro')}>
      {state.status === 'loading' ? (
        <Loading />
      ) : state.status === 'error' ? (
        <ErrorNote message={state.error} onRetry={() => void load()} />
      ) : state.rows.length === 0 ? (
        <Empty>{t('opt_diag_empty')}</Empty>
      ) : (
        <table className="w-full border-collapse text-left text-sm">
          <caption className={`mb-2 text-left ${muted}`}>{t('opt_diag_caption')}</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-1 pr-4">{t('opt_diag_adapter')}</th>
              <th scope="col" className="py-1 pr-4 text-right">{t('opt_diag_pages')}</th>
              <th scope="col" className="py-1">{t('opt_diag_misses')}</th>
            </tr>
          </thead>
          <tbody>
            {state.rows.map((r) => {
              const misses = Object.entries(r.misses).sort((a, b) => b[1] - a[1]);
              return (
                <tr key={r.adapter} className="border-b border-slate-200 align-top dark:border-slate-700">
                  <th scope="row" className="py-1 pr-4 font-mono font-normal">{r.adapter}</th>
                  <td className="py-1 pr-4 text-right tabular-nums">{formatNumber(r.pagesSeen)}</td>
                  <td className="py-1">
                    {misses.length === 0 ? (
                      <span className={muted}>{t('opt_diag_no_misses')}</span>
                    ) : (
                      <ul>
                        {misses.map(([sel, n]) => (
                          <li key={sel}>
                            <span className="font-mono">{sel}</span>: {t('opt_diag_miss_count', [formatNumber(n), formatNumber(r.pagesSeen)])}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" className={btn} onClick={() => void load()}>
        {t('opt_refresh')}
      </button>
      <PageOutline />
    </Section>
  );
}
