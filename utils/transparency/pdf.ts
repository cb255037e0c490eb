/**
 * A transparency document as PDF (pdf-lib, in the browser and in Node): the
 * Markdown of generate.ts laid out in Helvetica (a standard font: its
 * WinAnsi encoding covers äöüßæøåé and the quotes the templates use).
 * Headings, paragraphs, list items and table rows; `code` and **bold**
 * marks are dropped, the words kept.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TransparencyDoc } from './generate';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** Characters outside WinAnsi, as the nearest it has. */
const FALLBACK: Record<string, string> = { '→': '->', '≥': '>=', '≤': '<=', '\u2009': ' ', '\u202f': ' ', '\u00a0': ' ', '−': '-', '‑': '-' };

export function winAnsi(text: string, font: PDFFont): string {
  let out = '';
  for (const ch of text) {
    const f = FALLBACK[ch];
    if (f !== undefined) out += f;
    else {
      try {
        font.encodeText(ch);
        out += ch;
      } catch {
        out += '?';
      }
    }
  }
  return out;
}

const plain = (s: string) => s.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1').replace(/^_(.*)_$/, '$1');

export async function transparencyPdf(doc: TransparencyDoc, opts: { now?: Date } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(doc.title);
  pdf.setLanguage(doc.lang);
  pdf.setProducer('Kenner');
  pdf.setCreator('Kenner transparency pack');
  const when = opts.now ?? new Date();
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;

  const write = (text: string, o: { font: PDFFont; size: number; indent?: number; gap?: number }) => {
    const indent = o.indent ?? 0;
    const words = winAnsi(text, o.font).split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (o.font.widthOfTextAtSize(next, o.size) > width - indent && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    const lead = o.size * 1.35;
    for (const l of lines) {
      if (y - lead < MARGIN) {
        page = pdf.addPage(A4);
        y = A4[1] - MARGIN;
      }
      y -= lead;
      page.drawText(l, { x: MARGIN + indent, y, size: o.size, font: o.font, color: rgb(0.1, 0.1, 0.12) });
    }
    y -= o.gap ?? 4;
  };

  for (const raw of doc.markdown.split('\n')) {
    const line = raw.trimEnd();
    if (!line) {
      y -= 4;
      continue;
    }
    if (line.startsWith('# ')) write(plain(line.slice(2)), { font: bold, size: 17, gap: 8 });
    else if (line.startsWith('## ')) write(plain(line.slice(3)), { font: bold, size: 12.5, gap: 4 });
    else if (line.startsWith('- ')) write(`•  ${plain(line.slice(2))}`, { font: regular, size: 10, indent: 8 });
    else if (/^\|\s*-/.test(line)) continue;
    else if (line.startsWith('|')) {
      const cells = line.slice(1, -1).split('|').map((c) => plain(c.trim()));
      write(cells.join('  ·  '), { font: regular, size: 9.5, indent: 8, gap: 2 });
    } else write(plain(line), { font: regular, size: 10 });
  }
  return pdf.save({ useObjectStreams: false });
}
