/**
 * The column-mapping step (loaded only when needed: it brings the format's
 * schema) for CSV files whose header does not follow the
 * graph format (e.g. a Salesforce report: "Account Name", "Website",
 * "Account Owner Email"). The importer's pure sniffCsvHeader says which
 * files need it and which fields there are; the user picks a column per field.
 */
import { useId, useMemo, useState } from 'react';
import { t } from '@/utils/i18n';
import { RECORD_FIELDS, REQUIRED_FIELDS, type RecordType } from '@/utils/graph/schema';
import type { CsvHeaderInfo, CsvMappingPlan, CsvMappings } from './csv-plan';
import { btn, btnPrimary, card, input, muted } from './ui';

export type { CsvHeaderInfo, CsvMappingPlan, CsvMappings } from './csv-plan';
export const RECORD_TYPES: RecordType[] = ['account', 'contact', 'person', 'topic', 'interaction'];

/** The format's fields per record type (required first), plus an account's owner email (looked up to ownerId). */
export function fieldsOf(type: RecordType): { required: string[]; optional: string[] } {
  const required = [...REQUIRED_FIELDS[type]];
  const rest = RECORD_FIELDS[type].filter((f) => !required.includes(f));
  if (type === 'account') rest.splice(rest.indexOf('ownerId'), 0, 'ownerEmail');
  return { required, optional: rest };
}

/**
 * Initial choice for a file: the sniffer's suggestions, else same-named
 * columns. Without an id column, the name column doubles as the id (a CRM
 * report often has none), which the user can change.
 */
export function initialMapping(info: CsvHeaderInfo, type: RecordType): Record<string, string> {
  const out: Record<string, string> = {};
  const { required, optional } = fieldsOf(type);
  const byLower = new Map(info.columns.map((c) => [c.trim().toLowerCase(), c]));
  for (const f of [...required, ...optional]) {
    const s = info.suggested?.[f];
    if (s && info.columns.includes(s)) out[f] = s;
    else if (byLower.has(f.toLowerCase())) out[f] = byLower.get(f.toLowerCase())!;
  }
  const nameField = type === 'topic' ? 'label' : 'name';
  if (!out.id && type !== 'interaction' && out[nameField]) out.id = out[nameField];
  return out;
}

/** Required fields still without a column. */
export function missingRequired(type: RecordType, columns: Record<string, string>): string[] {
  return fieldsOf(type).required.filter((f) => !columns[f]);
}

function fieldLabel(field: string): string {
  return field;
}

export function CsvMappingStep({ plan, onConfirm, onCancel }: { plan: CsvMappingPlan; onConfirm: (m: CsvMappings) => void; onCancel: () => void }) {
  const initial = useMemo(() => {
    const m: CsvMappings = {};
    for (const { file, info } of plan.csv) {
      const type = info.type ?? 'account';
      m[file.name] = { type, columns: initialMapping(info, type) };
    }
    return m;
  }, [plan]);
  const [mappings, setMappings] = useState<CsvMappings>(initial);
  const baseId = useId();
  const incomplete = plan.csv.some(({ file }) => missingRequired(mappings[file.name].type, mappings[file.name].columns).length > 0);

  return (
    <div className={`${card} space-y-4`} role="group" aria-labelledby={`${baseId}-title`}>
      <div>
        <h4 id={`${baseId}-title`} className="font-semibold">
          {t('opt_map_title')}
        </h4>
        <p className={`text-sm ${muted}`}>{t('opt_map_help')}</p>
      </div>
      {plan.csv.map(({ file, info }, fi) => {
        const m = mappings[file.name];
        const missing = missingRequired(m.type, m.columns);
        const set = (next: { type: RecordType; columns: Record<string, string> }) => setMappings((all) => ({ ...all, [file.name]: next }));
        return (
          <fieldset key={file.name} className="space-y-2">
            <legend className="font-medium">{file.name}</legend>
            <div className="flex items-center gap-2 text-sm">
              <label htmlFor={`${baseId}-${fi}-type`}>{t('opt_map_type')}</label>
              <select
                id={`${baseId}-${fi}-type`}
                className={input}
                value={m.type}
                onChange={(e) => {
                  const type = e.currentTarget.value as RecordType;
                  set({ type, columns: initialMapping(info, type) });
                }}
              >
                {RECORD_TYPES.map((rt) => (
                  <option key={rt} value={rt}>
                    {t(`opt_map_type_${rt}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid grid-cols-[max-content_1fr] items-center gap-x-3 gap-y-1 text-sm">
              {[...fieldsOf(m.type).required, ...fieldsOf(m.type).optional].map((field) => {
                const id = `${baseId}-${fi}-${field}`;
                const required = fieldsOf(m.type).required.includes(field);
                return (
                  <div key={field} className="contents">
                    <label htmlFor={id} className="font-mono text-xs">
                      {fieldLabel(field)}
                      {required ? <span aria-hidden="true"> *</span> : null}
                    </label>
                    <select
                      id={id}
                      className={input}
                      required={required}
                      aria-invalid={required && !m.columns[field] ? true : undefined}
                      value={m.columns[field] ?? ''}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        const columns = { ...m.columns };
                        if (v) columns[field] = v;
                        else delete columns[field];
                        set({ type: m.type, columns });
                      }}
                    >
                      <option value="">{t('opt_map_none')}</option>
                      {info.columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })}
            </div>
            {missing.length ? <p className="text-sm text-red-800 dark:text-red-200">{t('opt_map_missing', missing.join(', '))}</p> : null}
          </fieldset>
        );
      })}
      <div className="flex gap-2">
        <button type="button" className={btnPrimary} disabled={incomplete} onClick={() => onConfirm(mappings)}>
          {t('opt_map_import')}
        </button>
        <button type="button" className={btn} onClick={onCancel}>
          {t('opt_cancel')}
        </button>
      </div>
    </div>
  );
}

export default CsvMappingStep;
