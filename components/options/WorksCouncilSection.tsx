/**
 * The administrator's part of issue 15 on the options page (inside the
 * policy section): works-council mode as the policy sets it, and the
 * transparency pack, written from the live configuration and downloadable as
 * Markdown or PDF in any of the five languages.
 */
import { useEffect, useState } from 'react';
import { t, uiLanguage } from '@/utils/i18n';
import { formatNumber } from '@/components/common/graph-summary';
import { WORKS_COUNCIL_OFF } from '@/utils/governance/works-council';
import { sendMessage, type EffectiveSettings } from '@/utils/messaging/protocol';
import { DOC_IDS, DOC_LANGS, isDocLang, TEMPLATES, transparencyDoc, type DocId, type DocLang } from '@/utils/transparency/generate';
import { extensionTransparencyConfig } from './transparency-config';
import { useOptions } from './store';
import { btn, card, ErrorNote, errorMessage, input, muted } from './ui';

export function WorksCouncilCard({ eff }: { eff: EffectiveSettings }) {
  const wc = eff.policy.worksCouncil ?? WORKS_COUNCIL_OFF;
  const cap = (n: number | null) => (n === null ? t('opt_wc_no_cap') : formatNumber(n));
  return (
    <div className={card} data-testid="works-council" data-enabled={wc.enabled}>
      <h3 className="mb-2 font-semibold">{t('opt_wc_title')}</h3>
      <p className="text-sm">{wc.enabled ? t('opt_wc_on') : t('opt_wc_off')}</p>
      {wc.enabled ? (
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className={muted}>{t('opt_wc_min_group')}</dt>
          <dd data-testid="wc-min-group">{formatNumber(wc.minGroupSize)}</dd>
          <dt className={muted}>{t('opt_wc_look_back')}</dt>
          <dd>{cap(wc.lookBackMonths)}</dd>
          <dt className={muted}>{t('opt_wc_retention')}</dt>
          <dd>{cap(wc.retentionDays)}</dd>
          <dt className={muted}>{t('opt_wc_default')}</dt>
          <dd>{wc.colleagueDefault === 'shown-once-opted-in' ? t('opt_wc_default_in') : t('opt_wc_default_out')}</dd>
        </dl>
      ) : null}
    </div>
  );
}

function download(name: string, type: string, data: BlobPart) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function TransparencyCard({ eff }: { eff: EffectiveSettings }) {
  const graph = useOptions((s) => s.graph);
  const ui = uiLanguage().split('-')[0];
  const [doc, setDoc] = useState<DocId>('processing');
  const [lang, setLang] = useState<DocLang>(isDocLang(ui) ? ui : 'en');
  const [log, setLog] = useState<{ status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; rows: Awaited<ReturnType<typeof sendMessage<'getLookupLog'>>> }>({ status: 'loading' });
  const [failed, setFailed] = useState<string | null>(null);
  const load = () => {
    setLog({ status: 'loading' });
    sendMessage('getLookupLog', undefined).then(
      (rows) => setLog({ status: 'ready', rows }),
      (e: unknown) => setLog({ status: 'error', error: errorMessage(e) }),
    );
  };
  useEffect(load, []);
  const names = new Intl.DisplayNames([uiLanguage()], { type: 'language' });
  const titles = TEMPLATES[isDocLang(ui) ? ui : 'en'].titles;
  const ready = log.status === 'ready' && graph.status !== 'loading';
  // Written from the live configuration on every render: a changed policy or graph changes the document.
  const current = ready ? transparencyDoc(doc, lang, extensionTransparencyConfig(eff, graph.status === 'ready' ? graph.value : null, log.rows, new Date())) : null;
  const pdf = async () => {
    if (!current) return;
    setFailed(null);
    try {
      const { transparencyPdf } = await import('@/utils/transparency/pdf');
      download(`${current.fileName}.pdf`, 'application/pdf', (await transparencyPdf(current)) as Uint8Array<ArrayBuffer>);
    } catch (e) {
      setFailed(errorMessage(e));
    }
  };
  return (
    <div className={card} data-testid="transparency">
      <h3 className="mb-1 font-semibold">{t('opt_tp_title')}</h3>
      <p className={`mb-3 text-sm ${muted}`}>{t('opt_tp_intro')}</p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">
          {t('opt_tp_doc')}
          <select className={input} value={doc} onChange={(e) => setDoc(e.target.value as DocId)} data-testid="tp-doc">
            {DOC_IDS.map((id) => (
              <option key={id} value={id}>
                {titles[id]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t('opt_tp_lang')}
          <select className={input} value={lang} onChange={(e) => setLang(e.target.value as DocLang)} data-testid="tp-lang">
            {DOC_LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {names.of(l) ?? l}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={btn} disabled={!current} onClick={() => current && download(`${current.fileName}.md`, 'text/markdown;charset=utf-8', current.markdown)}>
          {t('opt_tp_markdown')}
        </button>
        <button type="button" className={btn} disabled={!current} onClick={() => void pdf()}>
          {t('opt_tp_pdf')}
        </button>
      </div>
      {log.status === 'error' ? <ErrorNote message={log.error} onRetry={load} /> : null}
      {failed ? (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-200">
          {t('opt_tp_failed', [failed])}
        </p>
      ) : null}
      {current ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium">{t('opt_tp_preview')}</summary>
          <pre tabIndex={0} lang={lang} aria-label={current.title} data-testid="tp-preview" className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
            {current.markdown}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
