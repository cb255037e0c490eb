/**
 * Data: what the graph holds, import (with progress, cancel and a CSV
 * column-mapping step), demo, delete. The one role="status" element of this
 * section reports how an import, a demo load or a deletion ended (contract).
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { DemoProgress } from '@/components/common/DemoProgress';
import { ageText, countsText, dateTimeText, formatNumber, sourceText } from '@/components/common/graph-summary';
import { SourcesSection } from '@/components/options/SourcesSection';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging/protocol';
import { loadStartImport, type ImportHandle, type ImportMode, type ImportProgressLike, type ImportResultLike } from './import-adapter';
import { estimateLeftMs, fractionOf, importErrorText, importStatusText, timeLeftText } from './import-format';
import { prepareCsvMapping, type CsvMappingPlan, type CsvMappings } from './csv-plan';
import { useOptions } from './store';
import { btn, btnDanger, btnPrimary, card, ConfirmDialog, Empty, ErrorNote, errorMessage, Loading, LockNote, muted, Section } from './ui';

const CsvMappingStep = lazy(() => import('./CsvMapping'));

type Outcome = { kind: 'result'; result: ImportResultLike } | { kind: 'message'; text: string; error?: boolean } | null;

export function DataSection() {
  const graph = useOptions((s) => s.graph);
  const settings = useOptions((s) => s.settings);
  const loadGraph = useOptions((s) => s.loadGraph);
  const [mode, setMode] = useState<ImportMode>('replace');
  const [busy, setBusy] = useState<null | 'import' | 'demo' | 'delete'>(null);
  const [progress, setProgress] = useState<{ p: ImportProgressLike; started: number; now: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [mapping, setMapping] = useState<CsvMappingPlan | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const handle = useRef<ImportHandle | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const policy = settings.status === 'ready' ? settings.value.policy : { allowImport: true, allowDemo: true };

  async function runImport(files: File[], mappings?: CsvMappings) {
    setBusy('import');
    setOutcome(null);
    const started = performance.now();
    setProgress({ p: { records: 0 }, started, now: started });
    try {
      const startImport = await loadStartImport();
      const h = startImport(files, {
        mode,
        mappings,
        onProgress: (p) => setProgress({ p, started, now: performance.now() }),
      });
      handle.current = h;
      const result = await h.done;
      setOutcome({ kind: 'result', result });
    } catch (e) {
      setOutcome({ kind: 'result', result: { ok: false, errors: [errorMessage(e)] } });
    } finally {
      handle.current = null;
      setBusy(null);
      setProgress(null);
      if (fileInput.current) fileInput.current.value = '';
      void loadGraph();
    }
  }

  async function onFiles(list: FileList | null) {
    const files = list ? [...list] : [];
    if (!files.length) return;
    setOutcome(null);
    setMapping(null);
    try {
      const plan = await prepareCsvMapping(files);
      if (plan) {
        setMapping(plan);
        return;
      }
    } catch (e) {
      setOutcome({ kind: 'message', text: errorMessage(e), error: true });
      return;
    }
    await runImport(files);
  }

  async function loadDemo() {
    setBusy('demo');
    setOutcome(null);
    try {
      const summary = await sendMessage('loadDemoGraph', {});
      setOutcome({ kind: 'result', result: summary });
    } catch (e) {
      setOutcome({ kind: 'message', text: t('opt_demo_failed', errorMessage(e)), error: true });
    } finally {
      setBusy(null);
      void loadGraph();
    }
  }

  async function deleteGraph() {
    setConfirmDelete(false);
    setBusy('delete');
    setOutcome(null);
    try {
      await sendMessage('deleteGraph', undefined);
      setOutcome({ kind: 'message', text: t('opt_delete_graph_done') });
    } catch (e) {
      setOutcome({ kind: 'message', text: t('opt_delete_graph_failed', errorMessage(e)), error: true });
    } finally {
      setBusy(null);
      void loadGraph();
    }
  }

  const fraction = progress ? fractionOf(progress.p) : undefined;
  const left = progress ? estimateLeftMs(progress.p, progress.now - progress.started) : undefined;
  const errors = outcome?.kind === 'result' && !outcome.result.ok ? (outcome.result.errors ?? []) : [];
  const hasGraph = graph.status === 'ready' && graph.value !== null && graph.value.source !== 'none';

  return (
    <Section id="data" title={t('opt_nav_data')} intro={t('opt_data_intro')}>
      <div className={card}>
        <h3 className="mb-2 font-semibold">{t('opt_graph_title')}</h3>
        {graph.status === 'loading' ? (
          <Loading />
        ) : graph.status === 'error' ? (
          <ErrorNote message={graph.error} onRetry={() => void loadGraph()} />
        ) : !hasGraph || !graph.value ? (
          <Empty>{t('opt_graph_empty')}</Empty>
        ) : (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className={muted}>{t('opt_graph_holds')}</dt>
            <dd data-testid="graph-counts">{countsText(graph.value.counts)}</dd>
            <dt className={muted}>{t('opt_graph_source')}</dt>
            <dd>{sourceText(graph.value.source)}</dd>
            <dt className={muted}>{t('opt_graph_loaded')}</dt>
            <dd>
              <time dateTime={graph.value.loadedAt} title={dateTimeText(graph.value.loadedAt)}>
                {ageText(graph.value.loadedAt)}
              </time>
            </dd>
            {graph.value.files?.length ? (
              <>
                <dt className={muted}>{t('opt_graph_files')}</dt>
                <dd className="break-all">{graph.value.files.join(', ')}</dd>
              </>
            ) : null}
          </dl>
        )}
      </div>

      <div className={card}>
        <h3 className="mb-1 font-semibold">{t('opt_import_title')}</h3>
        <p className={`mb-3 text-sm ${muted}`}>{t('opt_import_help')}</p>
        {!policy.allowImport ? (
          <LockNote />
        ) : (
          <div className="space-y-3">
            <fieldset className="flex flex-wrap gap-4 text-sm" disabled={busy !== null}>
              <legend className="mb-1 font-medium">{t('opt_import_mode')}</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} />
                {t('opt_import_mode_replace')}
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} />
                {t('opt_import_mode_merge')}
              </label>
            </fieldset>
            <div>
              <label htmlFor="import-file" className="mb-1 block font-medium">
                {t('opt_import_label')}
              </label>
              <input
                ref={fileInput}
                id="import-file"
                type="file"
                accept=".json,.jsonl,.ndjson,.csv"
                multiple
                disabled={busy !== null}
                aria-describedby="import-file-help"
                onChange={(e) => void onFiles(e.currentTarget.files)}
                className="block text-sm file:mr-3 file:rounded file:border file:border-slate-400 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-100 dark:file:border-slate-500 dark:file:bg-slate-800 dark:file:text-slate-100"
              />
              <p id="import-file-help" className={`mt-1 text-xs ${muted}`}>
                {t('opt_import_file_help')}
              </p>
            </div>
            {mapping ? (
              <Suspense fallback={<Loading />}>
              <CsvMappingStep
                plan={mapping}
                onCancel={() => {
                  setMapping(null);
                  if (fileInput.current) fileInput.current.value = '';
                }}
                onConfirm={(mappings) => {
                  const files = mapping.files;
                  setMapping(null);
                  void runImport(files, mappings);
                }}
              />
              </Suspense>
            ) : null}
            {progress ? (
              <div className="space-y-1">
                <label htmlFor="import-progress" className="text-sm">
                  {t('opt_import_progress', formatNumber(progress.p.records ?? 0))}
                  {left !== undefined ? ` · ${timeLeftText(left)}` : ''}
                </label>
                <progress id="import-progress" className="h-2 w-full accent-blue-700 dark:accent-sky-300" max={1} value={fraction} />
                <button type="button" className={btn} onClick={() => handle.current?.cancel()}>
                  {t('opt_cancel')}
                </button>
              </div>
            ) : null}
          </div>
        )}
      </div>

      <div role="status" aria-live="polite" className="min-h-6 text-sm">
        {outcome?.kind === 'result' ? (
          <div className={outcome.result.ok ? '' : 'text-red-800 dark:text-red-200'}>
            <p className="font-medium">{importStatusText(outcome.result)}</p>
            {errors.length ? (
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {errors.map((e, i) => (
                  <li key={i}>{importErrorText(e)}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : outcome?.kind === 'message' ? (
          <p className={outcome.error ? 'text-red-800 dark:text-red-200' : ''}>{outcome.text}</p>
        ) : busy === 'demo' ? (
          <DemoProgress />
        ) : null}
      </div>

      <div className={`${card} space-y-3`}>
        <div>
          <h3 className="font-semibold">{t('opt_demo_title')}</h3>
          <p className={`mb-2 text-sm ${muted}`}>{t('opt_demo_help')}</p>
          {policy.allowDemo ? (
            <button type="button" className={btnPrimary} disabled={busy !== null} onClick={() => void loadDemo()}>
              {t('demo_try')}
            </button>
          ) : (
            <LockNote />
          )}
        </div>
        <div>
          <h3 className="font-semibold">{t('opt_delete_graph_title')}</h3>
          <p className={`mb-2 text-sm ${muted}`}>{t('opt_delete_graph_help')}</p>
          <button type="button" className={btnDanger} disabled={busy !== null || !(hasGraph || graph.status === 'error')} onClick={() => setConfirmDelete(true)}>
            {t('opt_delete_graph')}
          </button>
        </div>
      </div>
      {/* Where the graph can come from instead of a file (the sources engineer's section). */}
      <div className={card}>
        <SourcesSection />
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title={t('opt_delete_graph_confirm_title')}
        body={t('opt_delete_graph_confirm_body')}
        confirmLabel={t('opt_delete_graph')}
        onConfirm={() => void deleteGraph()}
        onCancel={() => setConfirmDelete(false)}
      />
    </Section>
  );
}
