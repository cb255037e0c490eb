/**
 * The transparency pack (utils/transparency): every document renders in all
 * five languages from the live configuration, changes when a source or a
 * retention setting changes, says what works-council mode changes, withholds
 * the yearly counts of a group below the minimum size, and its PDF is a valid
 * PDF that carries the document's words (umlauts and æøå included).
 */
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { RECORD_FIELDS } from '../../../utils/graph/schema';
import { WORKS_COUNCIL_OFF, worksCouncil } from '../../../utils/governance/works-council';
import { DOC_IDS, DOC_LANGS, transparencyDoc, type TransparencyConfig } from '../../../utils/transparency/generate';
import { transparencyPdf } from '../../../utils/transparency/pdf';

const BASE: TransparencyConfig = {
  generatedAt: '2026-11-30T09:00:00Z',
  deployment: 'service',
  controller: 'Nordlicht Logistik GmbH',
  sources: [{ name: 'Salesforce (acme.my.salesforce.com)', records: ['account', 'contact', 'interaction'] }],
  fields: { person: [...RECORD_FIELDS.person], account: [...RECORD_FIELDS.account], contact: [...RECORD_FIELDS.contact], topic: [...RECORD_FIELDS.topic], interaction: [...RECORD_FIELDS.interaction] },
  worksCouncil: worksCouncil({ enabled: true, minGroupSize: 5, lookBackMonths: 24, retentionDays: 30 }),
  retention: { lookupLogDays: 30, auditDays: 30 },
  access: { auditors: 1, admins: 2, restrictedBy: null },
  review: { from: '2025-12-01', to: '2026-11-30', lookups: 12_345, optOuts: 3, people: 40 },
};

const all = (c: TransparencyConfig) => DOC_LANGS.flatMap((lang) => DOC_IDS.map((id) => transparencyDoc(id, lang, c)));

/** The words of a PDF's text-showing operators (content streams inflated, hex strings read as WinAnsi). */
function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const body = Buffer.from(raw.slice(start, end), 'latin1');
    let text: string;
    try {
      text = inflateSync(body).toString('latin1');
    } catch {
      text = body.toString('latin1');
    }
    for (const h of text.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) out.push(new TextDecoder('windows-1252').decode(Buffer.from(h[1], 'hex')));
  }
  return out.join(' ');
}

describe('transparency pack', () => {
  it('renders every document in all five languages, with its title and no holes', () => {
    const docs = all(BASE);
    expect(docs).toHaveLength(30);
    for (const d of docs) {
      expect(d.markdown.startsWith(`# ${d.title}\n`)).toBe(true);
      expect(d.markdown).not.toMatch(/undefined|NaN|\[object|\$\{/);
      expect(d.markdown).toContain('Nordlicht Logistik GmbH');
    }
    // The titles differ per language (each is written, not copied).
    for (const id of DOC_IDS) expect(new Set(DOC_LANGS.map((l) => transparencyDoc(id, l, BASE).title)).size).toBe(5);
    // Dates and numbers in the document's language.
    expect(transparencyDoc('review', 'de', BASE).markdown).toContain('12.345');
    expect(transparencyDoc('review', 'en', BASE).markdown).toContain('12,345');
    expect(transparencyDoc('processing', 'de', BASE).markdown).toContain('30. November 2026');
  });

  it('changes, in every document and language, when a source is added', () => {
    const more = { ...BASE, sources: [...BASE.sources, { name: 'Zendesk (acme.zendesk.com)', records: ['contact', 'interaction'] as const }].map((s) => ({ ...s, records: [...s.records] })) };
    const before = all(BASE);
    const after = all(more);
    before.forEach((d, k) => {
      expect(after[k].markdown, `${d.id}/${d.lang}`).not.toBe(d.markdown);
      if (d.id !== 'review') expect(after[k].markdown).toContain('Zendesk (acme.zendesk.com)');
    });
  });

  it('changes, in every document and language, when a retention setting changes', () => {
    const before = all(BASE);
    const after = all({ ...BASE, retention: { lookupLogDays: 7, auditDays: 30 } });
    before.forEach((d, k) => expect(after[k].markdown, `${d.id}/${d.lang}`).not.toBe(d.markdown));
    expect(transparencyDoc('processing', 'en', { ...BASE, retention: { lookupLogDays: 7, auditDays: 30 } }).markdown).toContain('7 days');
  });

  it('says what works-council mode changes: internal evidence, numbers, opt-in', () => {
    const on = transparencyDoc('annex', 'en', BASE).markdown;
    const off = transparencyDoc('annex', 'en', { ...BASE, worksCouncil: WORKS_COUNCIL_OFF }).markdown;
    expect(on).toContain('Internal-only evidence');
    expect(on).toContain('never a number');
    expect(off).toContain('number from 0 to 100');
    const optIn = transparencyDoc('notice', 'de', { ...BASE, worksCouncil: worksCouncil({ enabled: true, colleagueDefault: 'shown-once-opted-in' }) }).markdown;
    expect(optIn).toContain('erst vorgeschlagen, wenn Sie zugestimmt haben');
    expect(transparencyDoc('annex', 'en', BASE).markdown).toContain('older than 24 months');
  });

  it('the yearly review shows counts only for groups of the minimum size', () => {
    expect(transparencyDoc('review', 'en', BASE).markdown).toContain('| Lookups | 12,345 |');
    const small = transparencyDoc('review', 'en', { ...BASE, review: { ...BASE.review!, people: 4 } }).markdown;
    expect(small).not.toContain('12,345');
    expect(small).toContain('Fewer than 5 people');
  });

  it('renders as a valid PDF carrying the words, in every language', async () => {
    for (const lang of DOC_LANGS) {
      const doc = transparencyDoc('notice', lang, BASE);
      const bytes = await transparencyPdf(doc, { now: new Date(BASE.generatedAt) });
      expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
      const loaded = await PDFDocument.load(bytes);
      expect(loaded.getPageCount()).toBeGreaterThan(0);
      expect(loaded.getTitle()).toBe(doc.title);
      const text = pdfText(bytes);
      expect(text).toContain(doc.title);
      expect(text).toContain('Nordlicht Logistik GmbH');
    }
    const da = pdfText(await transparencyPdf(transparencyDoc('processing', 'da', BASE)));
    expect(da).toContain('Hvad der aldrig sker');
    expect(da).toContain('Formål');
    expect(da).toContain('Revisionslog i virksomhedens graftjeneste');
    const de = pdfText(await transparencyPdf(transparencyDoc('processing', 'de', BASE)));
    expect(de).toContain('Gelesene Daten');
    expect(de).toContain('Aufbewahrung');
    expect(de).toContain('Prüfprotokoll des Firmengraph-Dienstes');
  });
});
