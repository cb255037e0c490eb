/**
 * The CSV encoding of the interchange format (docs/graph-format.md): one file
 * per record type, its columns, lists joined by `|`, nested objects as dotted
 * columns. Used by writers (the demo generator's CSV output, tests); the
 * importer reads any column order.
 */
import type { Account, Contact, Interaction, Person, Topic } from './model';

export type CsvRecordType = 'person' | 'account' | 'contact' | 'topic' | 'interaction';

export const CSV_FILES: Record<CsvRecordType, string> = {
  person: 'people.csv',
  account: 'accounts.csv',
  contact: 'contacts.csv',
  topic: 'topics.csv',
  interaction: 'interactions.csv',
};

export const CSV_COLUMNS: Record<CsvRecordType, string[]> = {
  person: ['id', 'name', 'email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'managerId', 'skills', 'chat.teams', 'chat.slack', 'photoUrl', 'discoverable'],
  account: ['id', 'name', 'aliases', 'domains', 'industry', 'country', 'ownerId', 'externalIds.salesforce', 'externalIds.hubspot', 'externalIds.dynamics', 'externalIds.zendesk', 'externalIds.freshdesk', 'url'],
  contact: ['id', 'name', 'email', 'accountId', 'title'],
  topic: ['id', 'label', 'aliases', 'kind'],
  interaction: ['id', 'personId', 'kind', 'date', 'accountId', 'contactId', 'topicIds', 'direction', 'count', 'title', 'url', 'source'],
};

/** One CSV row of a record, in the order of CSV_COLUMNS[type]. */
export function csvRow(type: CsvRecordType, record: Person | Account | Contact | Topic | Interaction): string[] {
  const r = record as unknown as Record<string, unknown>;
  return CSV_COLUMNS[type].map((col) => {
    const [head, sub] = col.split('.');
    const v = sub ? (r[head] as Record<string, unknown> | undefined)?.[sub] : r[head];
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) return v.join('|');
    return String(v);
  });
}
