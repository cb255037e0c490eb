/**
 * Import errors in words. The words live only in the locale files
 * (public/_locales/<lang>/messages.json): `import_err_<code>` says what is
 * wrong, `import_err_place_*` puts it at its file, line and column. Pure code
 * cannot call the browser's i18n API, so the words are looked up through a
 * Translate function: the UI passes its own (the user's language); the
 * importer's `message` uses `english`, which reads the English locale file
 * the same way chrome.i18n.getMessage does.
 */
import en from '../../../public/_locales/en/messages.json';
import { EXPECTED } from '../schema';
import { BASE_ERROR_CODES, type ImportError, type ImportErrorCode } from './types';

/** A locale message with positional substitutions ($1, $2, …), as chrome.i18n.getMessage; '' when unknown. */
export type Translate = (key: string, substitutions: string[]) => string;

/** Every error code the importer emits. */
export const ERROR_CODES: readonly ImportErrorCode[] = [...BASE_ERROR_CODES, ...EXPECTED.map((e) => `invalid-${e}` as const)];

/** The locale key of an error code: `import_err_<code>`, dashes as underscores. */
export function importErrorKey(code: string): string {
  return `import_err_${code.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** The locale keys that place an error's words at its file, line and column. */
export const PLACE_KEYS = ['import_err_place_line', 'import_err_place_file', 'import_err_place_column', 'import_err_place_first_line'] as const;

export interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** What chrome.i18n.getMessage makes of one message and its substitutions ($NAME$ placeholders, $1…$9, $$). */
export function renderMessage(entry: LocaleMessage, substitutions: readonly string[]): string {
  const positional = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$(\d)/g, (whole, name: string | undefined, n: string | undefined) => {
    if (whole === '$$') return '$';
    if (n !== undefined) return substitutions[Number(n) - 1] ?? '';
    const content = name === undefined ? undefined : entry.placeholders?.[name.toLowerCase()]?.content;
    return content === undefined ? '' : positional(content);
  });
}

/** A Translate over one locale file's messages. */
export function translateFrom(messages: Readonly<Record<string, LocaleMessage | undefined>>): Translate {
  return (key, substitutions) => {
    const entry = messages[key];
    return entry ? renderMessage(entry, substitutions) : '';
  };
}

const ENGLISH: Readonly<Record<string, LocaleMessage | undefined>> = en;
/** English, from public/_locales/en/messages.json. */
const english: Translate = translateFrom(ENGLISH);

type Located = Pick<ImportError, 'file' | 'line' | 'column' | 'code' | 'params'>;

/** What is wrong, without the place: `import_err_<code>` with the params in order (the code itself when there are no words for it). */
function importErrorWhat(e: Pick<ImportError, 'code' | 'params'>, translate: Translate = english): string {
  return translate(importErrorKey(e.code), Object.values(e.params).map(String)) || e.code;
}

/**
 * The whole sentence: `accounts.csv line 212: "domains" holds "acme..com",
 * which is not a domain (column 3)` in English; not-UTF-8 names the file
 * itself and says where the first bad text is.
 */
export function formatImportError(e: Located, translate: Translate = english): string {
  const what = importErrorWhat(e, translate);
  const place = (key: (typeof PLACE_KEYS)[number], ...subs: Array<string | number>) => translate(key, subs.map(String)) || subs.join(' ');
  if (e.code === 'not-utf8') return e.line > 0 ? place('import_err_place_first_line', what, e.line) : what;
  const sentence = e.line > 0 ? place('import_err_place_line', e.file, e.line, what) : place('import_err_place_file', e.file, what);
  return e.column ? place('import_err_place_column', sentence, e.column) : sentence;
}
