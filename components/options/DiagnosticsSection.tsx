/** Diagnostics: per site adapter, pages seen and selector misses (nothing here leaves the browser). */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { formatNumber } from '@/components/common/graph-summary';
import { t, uiLanguage } from '@/utils/i18n';
import { sendMessage, type AdapterDiagnostics } from '@/utils/messaging/protocol';
import { diagnosticsReport } from './diagnostics-report';
import { btn, Empty, ErrorNote, errorMessage, Loading, muted, Section } from './ui';
import { PageOutline } from './PageOutline';

/** The extension's version (manifest); empty where the API is missing. */
function manifestVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '';
  }
}

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
  const version = manifestVersion();
  const [exporting, setExporting] = useState<{ phase: 'idle' | 'busy' | 'done' | 'error'; error?: string }>({ phase: 'idle' });

  // The report: an allow-list of fields (diagnostics-report.ts), no page text; saved as a file the user can pass on.
  const exportReport = async () => {
    setExporting({ phase: 'busy' });
    try {
      const [adapters, graph, settings, sources] = await Promise.all([
        sendMessage('getDiagnostics', undefined),
        sendMessage('getGraphInfo', undefined).catch(() => null),
        sendMessage('getEffectiveSettings', undefined).catch(() => null),
        sendMessage('getSourcesOverview', undefined).catch(() => null),
      ]);
      const now = new Date();
      const text = diagnosticsReport({
        version,
        extensionId: browser.runtime.id ?? '',
        userAgent: navigator.userAgent,
        uiLanguage: uiLanguage(),
        now,
        graph: graph ?? null,
        settings,
        adapters,
        sources,
      });
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `kenner-diagnostics-${now.toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setExporting({ phase: 'done' });
    } catch (e) {
      setExporting({ phase: 'error', error: errorMessage(e) });
    }
  };

  return (
    <Section id="diagnostics" title={t('opt_nav_diagnostics')} intro={t('opt_diag_intro')}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p data-testid="version">{t('opt_diag_version', [version])}</p>
        <button type="button" className={btn} disabled={exporting.phase === 'busy'} onClick={() => void exportReport()}>
          {exporting.phase === 'busy' ? t('opt_diag_exporting') : t('opt_diag_export')}
        </button>
        <p role="status" className={exporting.phase === 'error' ? 'text-red-800 dark:text-red-200' : muted}>
          {exporting.phase === 'done' ? t('opt_diag_exported') : exporting.phase === 'error' ? t('opt_error', exporting.error ?? '?') : ''}
        </p>
      </div>
      <p className={`text-sm ${muted}`}>{t('opt_diag_export_help')}</p>
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
