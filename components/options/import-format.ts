/** Words for an import's progress and outcome (pure; unit-tested). */
import { countsText, formatNumber } from '@/components/common/graph-summary';
import { t, uiLanguage } from '@/utils/i18n';
import { tDynamic } from '@/components/common/graph-summary';
import type { ImportIssueLike, ImportProgressLike, ImportResultLike } from './import-adapter';

/**
 * One error in words a person can act on: where (file, line, column, field),
 * then what. The importer's code is looked up as `import_err_<code>` in the
 * locale files, so errors read in the user's language where a translation
 * exists; otherwise the importer's own message.
 */
export function importErrorText(e: string | ImportIssueLike): string {
  if (typeof e === 'string') return e;
  const params = Array.isArray(e.params) ? e.params : e.params ? Object.values(e.params) : [];
  const what = (e.code && tDynamic(`import_err_${e.code.replace(/[^A-Za-z0-9_]/g, '_')}`, params)) || e.message || e.code || t('opt_import_error_unknown');
  const where: string[] = [];
  if (e.file) where.push(e.file);
  if (e.line) where.push(t('opt_import_at_line', formatNumber(e.line)));
  if (e.column !== undefined) where.push(t('opt_import_at_column', formatNumber(e.column)));
  if (e.field && !what.includes(e.field)) where.push(t('opt_import_at_field', e.field));
  // Messages that already start with the file name (as the format's examples do) are not prefixed twice.
  if (!where.length || (e.file && what.startsWith(e.file))) return what;
  return `${where.join(', ')}: ${what}`;
}

/** The status sentence after an import or a demo load. */
export function importStatusText(result: ImportResultLike, lang = uiLanguage()): string {
  if (result.cancelled) return t('opt_import_cancelled');
  if (!result.ok) {
    const n = result.errors?.length ?? 0;
    return n ? t('opt_import_failed_n', n) : t('opt_import_failed');
  }
  const parts = [t('opt_import_done', result.counts ? countsText(result.counts, lang) : '')];
  if (result.duplicates) parts.push(t('opt_import_duplicates', result.duplicates));
  return parts.join(' ');
}

/** Milliseconds left, from the importer's estimate or from the fraction done so far. */
export function estimateLeftMs(p: ImportProgressLike, elapsed: number): number | undefined {
  if (typeof p.etaMs === 'number' && p.etaMs >= 0) return p.etaMs;
  const elapsedMs = p.elapsedMs ?? elapsed;
  const f = fractionOf(p);
  if (f === undefined || f <= 0.02 || elapsedMs < 500) return undefined;
  return (elapsedMs * (1 - f)) / f;
}

export function fractionOf(p: ImportProgressLike): number | undefined {
  if (typeof p.fraction === 'number') return Math.min(1, Math.max(0, p.fraction));
  if (p.bytesTotal && p.bytesRead !== undefined) return Math.min(1, p.bytesRead / p.bytesTotal);
  return undefined;
}

/** "about 12 seconds left" / "about 3 minutes left". */
export function timeLeftText(ms: number, lang = uiLanguage()): string {
  const s = Math.max(1, Math.round(ms / 1000));
  const [value, unit] = s < 90 ? [s, 'second'] : [Math.round(s / 60), 'minute'];
  const amount = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  return t('opt_import_time_left', amount);
}
