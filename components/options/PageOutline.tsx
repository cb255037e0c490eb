/**
 * Diagnostics: pages read only as text, per site, and the redacted outline of
 * an open page (utils/sites/outline.ts) for the administrator to send to
 * whoever maintains the site's adapter. The outline is made in the tab; only
 * structure and lengths reach this page, and nothing is sent anywhere.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { formatNumber } from '@/components/common/graph-summary';
import { t } from '@/utils/i18n';
import { sendMessage, type AdapterDiagnostics, type OutlineTab } from '@/utils/messaging/protocol';
import { btn, card, Empty, ErrorNote, errorMessage, input, Loading, muted } from './ui';

type Tabs = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; tabs: OutlineTab[]; textOnly: AdapterDiagnostics[] };
type Outline = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; host: string; outline: string; copied?: boolean };

export function PageOutline() {
  const ids = { title: useId(), tab: useId(), out: useId() };
  const [tabs, setTabs] = useState<Tabs>({ status: 'loading' });
  const [tabId, setTabId] = useState<number | null>(null);
  const [outline, setOutline] = useState<Outline>({ status: 'idle' });

  const load = useCallback(async () => {
    setTabs({ status: 'loading' });
    try {
      const [list, diag] = await Promise.all([sendMessage('listOutlineTabs', undefined), sendMessage('getDiagnostics', undefined)]);
      setTabs({ status: 'ready', tabs: list, textOnly: diag.filter((d) => (d.textOnly ?? 0) > 0) });
      setTabId((cur) => (cur !== null && list.some((x) => x.tabId === cur) ? cur : (list[0]?.tabId ?? null)));
    } catch (e) {
      setTabs({ status: 'error', error: errorMessage(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const make = async () => {
    if (tabId === null) return;
    setOutline({ status: 'loading' });
    try {
      setOutline({ status: 'ready', ...(await sendMessage('getPageOutline', { tabId })) });
    } catch (e) {
      setOutline({ status: 'error', error: errorMessage(e) });
    }
  };
  const copy = async () => {
    if (outline.status !== 'ready') return;
    await navigator.clipboard.writeText(outline.outline);
    setOutline({ ...outline, copied: true });
  };

  return (
    <div className={`${card} space-y-3`} aria-labelledby={ids.title} role="group" data-page-outline>
      <h3 id={ids.title} className="font-semibold">
        {t('opt_outline_title')}
      </h3>
      <p className={`text-sm ${muted}`}>{t('opt_outline_intro')}</p>
      {tabs.status === 'loading' ? (
        <Loading />
      ) : tabs.status === 'error' ? (
        <ErrorNote message={tabs.error} onRetry={() => void load()} />
      ) : (
        <>
          {tabs.textOnly.length ? (
            <ul className="text-sm" data-text-only-counts>
              {tabs.textOnly.map((d) => (
                <li key={d.adapter}>{t('opt_outline_text_only', [d.adapter, formatNumber(d.textOnly ?? 0)])}</li>
              ))}
            </ul>
          ) : null}
          {tabs.tabs.length === 0 ? (
            <Empty>{t('opt_outline_no_tabs')}</Empty>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <label htmlFor={ids.tab} className="flex flex-col text-sm">
                {t('opt_outline_tab')}
                <select id={ids.tab} className={input} value={tabId ?? ''} onChange={(e) => setTabId(Number(e.target.value))}>
                  {tabs.tabs.map((x) => (
                    <option key={x.tabId} value={x.tabId}>
                      {x.siteId ? `${x.host} (${x.siteId})` : x.host}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className={btn} disabled={tabId === null || outline.status === 'loading'} onClick={() => void make()}>
                {t('opt_outline_make')}
              </button>
              <button type="button" className={btn} onClick={() => void load()}>
                {t('opt_refresh')}
              </button>
            </div>
          )}
        </>
      )}
      {outline.status === 'loading' ? (
        <Loading />
      ) : outline.status === 'error' ? (
        <ErrorNote message={outline.error} onRetry={() => void make()} />
      ) : outline.status === 'ready' ? (
        <div className="space-y-2">
          <label htmlFor={ids.out} className="block text-sm font-medium">
            {t('opt_outline_result', outline.host)}
          </label>
          <textarea id={ids.out} readOnly rows={12} value={outline.outline} className={`${input} w-full font-mono text-xs`} data-outline />
          <div className="flex items-center gap-2">
            <button type="button" className={btn} onClick={() => void copy()}>
              {t('opt_outline_copy')}
            </button>
            {outline.copied ? (
              <span role="status" className={`text-sm ${muted}`}>
                {t('opt_outline_copied')}
              </span>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
