/**
 * The column-mapping step for CSV files whose header does not follow the
 * graph format (e.g. a Salesforce report: "Account Name", "Website",
 * "Account Owner Email"). The importer's pure sniffCsvHeader says which
 * files need it and which fields there are; the user picks a column per field.
 */
import { useId, useMemo, useState } from 'react';
import { t } from '@/utils/i18n';
import { btn, btnPrimary, card, input, muted } from './ui';

export type RecordType = 'person' | 'account' | 'contact' | 'topic' | 'interaction';
export const RECORD_TYPES: RecordType[] = ['account', 'contact', 'person', 'topic', 'interaction'];

/** What the page needs to know about one CSV file's header. */
export interface CsvHeaderInfo {
  columns: string[];
  /** The record type, when the header or file name tells it. */
  type?: RecordType;
  /** True when the header follows the format and no mapping is needed. */
  matches: boolean;
  /** Suggested field → column. */
  suggested?: Record<string, string>;
}

export interface CsvFilePlan {
  file: File;
  info: CsvHeaderInfo;
}

export interface CsvMappingPlan {
  /** Every selected file (mapped or not), in the order chosen. */
  files: File[];
  /** The CSV files that need a mapping. */
  csv: CsvFilePlan[];
}

/** fileName → the record type and field → column chosen. */
export type CsvMappings = Record<string, { type: RecordType; columns: Record<string, string> }>;

/** The format's fields per record type (docs/graph-format.md); required ones first. */
export const FIELDS: Record<RecordType, { required: string[]; optional: string[] }> = {
  account: {
    required: ['id', 'name'],
    optional: ['aliases', 'domains', 'ownerEmail', 'ownerId', 'industry', 'country', 'url', 'externalIds.salesforce', 'externalIds.hubspot', 'externalIds.dynamics', 'externalIds.zendesk', 'externalIds.freshdesk'],
  },
  contact: { required: ['id', 'name'], optional: ['email', 'accountId', 'title'] },
  person: {
    required: ['id', 'name'],
    optional: ['email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'managerId', 'skills', 'photoUrl', 'discoverable'],
  },
  topic: { required: ['id', 'label'], optional: ['aliases', 'kind'] },
  interaction: {
    required: ['personId', 'kind', 'date'],
    optional: ['accountId', 'contactId', 'topicIds', 'direction', 'count', 'title', 'url', 'source', 'id'],
  },
};

export type SniffCsv = (file: File) => Promise<CsvHeaderInfo>;

let sniffer: SniffCsv | null | undefined;
/** Set by the importer binding (or a test). */
export function setCsvSniffer(fn: SniffCsv | null) {
  sniffer = fn;
}

/** The plan for the mapping step, or null when every file can be imported as is. */
export async function prepareCsvMapping(files: File[], sniff: SniffCsv | null | undefined = sniffer): Promise<CsvMappingPlan | null> {
  if (!sniff) return null;
  const csv: CsvFilePlan[] = [];
  for (const file of files) {
    if (!/\.csv$/i.test(file.name)) continue;
    const info = await sniff(file);
    if (!info.matches) csv.push({ file, info });
  }
  return csv.length ? { files, csv } : null;
}

/** Initial choice for a file: the sniffer's suggestions, else same-named columns. */
export function initialMapping(info: CsvHeaderInfo, type: RecordType): Record<string, string> {
  const out: Record<string, string> = {};
  const fields = [...FIELDS[type].required, ...FIELDS[type].optional];
  const byLower = new Map(info.columns.map((c) => [c.trim().toLowerCase(), c]));
  for (const f of fields) {
    const s = info.suggested?.[f];
    if (s && info.columns.includes(s)) out[f] = s;
    else if (byLower.has(f.toLowerCase())) out[f] = byLower.get(f.toLowerCase())!;
  }
  return out;
}

/** Required fields still without a column. ("id" may be derived by the importer from the name.) */
export function missingRequired(type: RecordType, columns: Record<string, string>): string[] {
  return FIELDS[type].required.filter((f) => f !== 'id' && !columns[f]);
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
              {[...FIELDS[m.type].required, ...FIELDS[m.type].optional].map((field) => {
                const id = `${baseId}-${fi}-${field}`;
                const required = FIELDS[m.type].required.includes(field) && field !== 'id';
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
