/** Privacy: the lookup log, its retention, export and deletion of all local data, and what is stored where. */
import { useCallback, useEffect, useId, useState } from 'react';
import { dateTimeText, formatNumber } from '@/components/common/graph-summary';
import { t } from '@/utils/i18n';
import { sendMessage, type LookupLogEntry } from '@/utils/messaging/protocol';
import { exportFileName, parseRetention } from './privacy-helpers';
import { useOptions } from './store';
import { btn, btnDanger, btnPrimary, card, ConfirmDialog, Empty, ErrorNote, errorMessage, input, Loading, LockNote, muted, Section } from './ui';

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrivacySection() {
  const settings = useOptions((s) => s.settings);
  const update = useOptions((s) => s.update);
  const saveError = useOptions((s) => s.saveError);
  const loadGraph = useOptions((s) => s.loadGraph);
  const loadSettings = useOptions((s) => s.loadSettings);
  const [log, setLog] = useState<{ status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; rows: LookupLogEntry[] }>({ status: 'loading' });
  const [days, setDays] = useState('');
  const [daysProblem, setDaysProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState<null | 'export' | 'delete'>(null);
  const [confirm, setConfirm] = useState(false);
  const ids = useId();

  const loadLog = useCallback(async () => {
    setLog({ status: 'loading' });
    try {
      const rows = await sendMessage('getLookupLog', undefined);
      setLog({ status: 'ready', rows: [...rows].sort((a, b) => b.at.localeCompare(a.at)) });
    } catch (e) {
      setLog({ status: 'error', error: errorMessage(e) });
    }
  }, []);
  useEffect(() => {
    void loadLog();
  }, [loadLog]);

  const retention = settings.status === 'ready' ? settings.value.settings.logRetentionDays : undefined;
  useEffect(() => {
    if (retention !== undefined) setDays(String(retention));
  }, [retention]);
  const retentionLocked = settings.status === 'ready' && settings.value.locked.includes('logRetentionDays');

  async function saveRetention() {
    const n = parseRetention(days);
    if (n === null) {
      setDaysProblem(t('opt_privacy_retention_invalid'));
      return;
    }
    setDaysProblem(null);
    if (await update({ logRetentionDays: n })) setMessage({ text: t('opt_privacy_retention_saved', formatNumber(n)) });
  }

  async function doExport() {
    setBusy('export');
    setMessage(null);
    try {
      // Loaded on demand: the export's port code is not needed for the page's first paint.
      const { startExport } = await import('@/utils/messaging/export-client');
      const blob = await startExport();
      const name = exportFileName();
      download(blob, name);
      setMessage({ text: t('opt_privacy_export_done', name) });
    } catch (e) {
      setMessage({ text: t('opt_privacy_export_failed', errorMessage(e)), error: true });
    } finally {
      setBusy(null);
    }
  }

  async function deleteAll() {
    setConfirm(false);
    setBusy('delete');
    setMessage(null);
    try {
      await sendMessage('deleteAllLocalData', undefined);
      setMessage({ text: t('opt_privacy_delete_done') });
    } catch (e) {
      setMessage({ text: t('opt_privacy_delete_failed', errorMessage(e)), error: true });
    } finally {
      setBusy(null);
      void loadLog();
      void loadGraph();
      void loadSettings();
    }
  }

  return (
    <Section id="privacy" title={t('opt_nav_privacy')}>
      <div className={`${card} space-y-2 text-sm`}>
        <h3 className="text-base font-semibold">{t('opt_privacy_statement_title')}</h3>
        <p>{t('opt_privacy_stored')}</p>
        <p>{t('opt_privacy_never')}</p>
        <p data-privacy-leaves="true">{t('opt_privacy_leaves')}</p>
      </div>

      <div className={card}>
        <h3 className="mb-2 font-semibold">{t('opt_privacy_log')}</h3>
        {settings.status === 'ready' && settings.value.policy.worksCouncil?.enabled ? (
          <p className={`mb-2 text-sm ${muted}`} data-testid="log-wc-note">
            {t('opt_privacy_log_wc_note')}
          </p>
        ) : null}
        {/* The four states of a list, as in DiagnosticsSection: shared components, other words. */}
        {log.status === 'loading' ? (
          <Loading />
        ) : log.status === 'error' ? (
          <ErrorNote message={log.error} onRetry={() => void loadLog()} />
        ) : log.rows.length === 0 ? (
          <Empty>{t('opt_privacy_log_empty')}</Empty>
        ) : (
          <div className="max-h-96 overflow-auto" tabIndex={0} role="region" aria-label={t('opt_privacy_log')}>
            <table className="w-full border-collapse text-left text-sm">
              <thead className="sticky top-0 bg-white dark:bg-slate-900">
                <tr className="border-b border-slate-300 dark:border-slate-600">
                  <th scope="col" className="py-1 pr-3">{t('opt_privacy_log_time')}</th>
                  <th scope="col" className="py-1 pr-3">{t('opt_privacy_log_site')}</th>
                  <th scope="col" className="py-1 pr-3">{t('opt_privacy_log_entities')}</th>
                  <th scope="col" className="py-1">{t('opt_privacy_log_source')}</th>
                </tr>
              </thead>
              <tbody>
                {log.rows.map((r, i) => (
                  <tr key={`${r.at}-${i}`} className="border-b border-slate-200 align-top dark:border-slate-700">
                    <td className="py-1 pr-3 whitespace-nowrap">
                      <time dateTime={r.at}>{dateTimeText(r.at)}</time>
                    </td>
                    <td className="py-1 pr-3">{r.site}</td>
                    <td className="py-1 pr-3">{r.entities.map((e) => e.name).join(', ')}</td>
                    <td className="py-1">{t(`opt_privacy_source_${r.source}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form
          className="mt-4 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void saveRetention();
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor={`${ids}-days`} className="text-sm font-medium">
              {t('opt_privacy_retention')}
            </label>
            <input
              id={`${ids}-days`}
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              className={`${input} w-28`}
              value={days}
              disabled={retentionLocked || settings.status !== 'ready'}
              aria-invalid={daysProblem ? true : undefined}
              aria-describedby={`${ids}-days-problem`}
              onChange={(e) => setDays(e.currentTarget.value)}
            />
          </div>
          <button type="submit" className={btn} disabled={retentionLocked || settings.status !== 'ready'}>
            {t('opt_save')}
          </button>
          <p id={`${ids}-days-problem`} className="w-full text-sm text-red-800 dark:text-red-200">
            {daysProblem ?? ''}
          </p>
        </form>
        {retentionLocked ? <LockNote /> : null}
        {saveError ? <ErrorNote message={saveError} /> : null}
      </div>

      <div className={`${card} space-y-3`}>
        <div>
          <h3 className="font-semibold">{t('opt_privacy_export')}</h3>
          <p className={`mb-2 text-sm ${muted}`}>{t('opt_privacy_export_help')}</p>
          <button type="button" className={btnPrimary} disabled={busy !== null} onClick={() => void doExport()}>
            {busy === 'export' ? t('opt_privacy_exporting') : t('opt_privacy_export')}
          </button>
        </div>
        <div>
          <h3 className="font-semibold">{t('opt_privacy_delete')}</h3>
          <p className={`mb-2 text-sm ${muted}`}>{t('opt_privacy_delete_help')}</p>
          <button type="button" className={btnDanger} disabled={busy !== null} onClick={() => setConfirm(true)}>
            {t('opt_privacy_delete')}
          </button>
        </div>
        <p aria-live="polite" className={`text-sm ${message?.error ? 'text-red-800 dark:text-red-200' : ''}`}>
          {message?.text ?? ''}
        </p>
      </div>
      {/* The shared confirm dialog with this section's words (DataSection has one too). */}
      <ConfirmDialog
        open={confirm}
        title={t('opt_privacy_delete_confirm_title')}
        body={t('opt_privacy_delete_confirm_body')}
        confirmLabel={t('opt_privacy_delete')}
        onConfirm={() => void deleteAll()}
        onCancel={() => setConfirm(false)}
      />
    </Section>
  );
}
