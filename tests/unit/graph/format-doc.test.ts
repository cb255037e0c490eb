/** docs/graph-format.md (the outside contract) and the record schemas say the same. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORD_FIELDS, RECORD_SCHEMAS, RECORD_TYPES, REQUIRED_FIELDS } from '../../../utils/graph/schema';

interface DocField {
  required: boolean;
}

/** The field tables of the "Records" section: `### <type>` then a table of | field | required | … |. */
function parseRecordTables(md: string): { tables: Map<string, Map<string, DocField>>; sections: Map<string, string> } {
  const records = md.slice(md.indexOf('\n## Records'), md.indexOf('\n## ', md.indexOf('\n## Records') + 1));
  const tables = new Map<string, Map<string, DocField>>();
  const sections = new Map<string, string>();
  for (const part of records.split(/\n### /).slice(1)) {
    const type = part.slice(0, part.indexOf('\n')).trim();
    sections.set(type, part);
    const rows = part
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .map((l) =>
        l
          .replaceAll('\\|', '\u0001')
          .split('|')
          .slice(1, -1)
          .map((c) => c.replaceAll('\u0001', '|').trim()),
      );
    const [header, rule, ...body] = rows;
    expect(header.slice(0, 2), `${type}: table header`).toEqual(['field', 'required']);
    expect(rule.every((c) => /^:?-+:?$/.test(c)), `${type}: table rule`).toBe(true);
    const fields = new Map<string, DocField>();
    for (const [field, required] of body) {
      const name = /^`([^`]+)`$/.exec(field)?.[1];
      expect(name, `${type}: field cell ${field}`).toBeDefined();
      expect(['yes', 'no'], `${type}.${name}: required cell`).toContain(required);
      expect(fields.has(name!), `${type}.${name} listed twice`).toBe(false);
      fields.set(name!, { required: required === 'yes' });
    }
    tables.set(type, fields);
  }
  return { tables, sections };
}

describe('docs/graph-format.md', () => {
  const { tables, sections } = parseRecordTables(readFileSync('docs/graph-format.md', 'utf8'));

  it('has a table for every record type and no other', () => {
    expect([...tables.keys()].sort()).toEqual([...RECORD_TYPES].sort());
  });

  it('lists every field of each schema, in schema order, required as the schema says, and no field the schema lacks', () => {
    for (const type of RECORD_TYPES) {
      const doc = tables.get(type)!;
      expect([...doc.keys()], type).toEqual(Object.keys(RECORD_SCHEMAS[type].shape));
      const required = [...doc].filter(([, f]) => f.required).map(([name]) => name);
      expect(required, `${type}: required fields`).toEqual([...REQUIRED_FIELDS[type]]);
    }
  });

  it('names the CSV column of every nested field', () => {
    for (const type of RECORD_TYPES) {
      for (const dotted of RECORD_FIELDS[type].filter((f) => f.includes('.'))) expect(sections.get(type), `${type}: ${dotted}`).toContain(`\`${dotted}\``);
    }
  });
});
