import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileText } from '../../../utils/background/file-text';

/** What the options page's reader yields: the file through TextDecoderStream. */
async function viaDecoderStream(blob: Blob): Promise<string> {
  let out = '';
  const reader = blob.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out += value;
  }
}

async function collect(blob: Blob, bytes?: number): Promise<string[]> {
  const pieces: string[] = [];
  for await (const t of fileText(blob, undefined, bytes)) pieces.push(t);
  return pieces;
}

describe('fileText: a file read in the service worker', () => {
  it('decodes as TextDecoderStream does, whatever the piece size (characters cut between pieces, BOM, bytes that are not UTF-8)', async () => {
    const bytes = fc.uint8Array({ maxLength: 300 });
    const text = fc.string({ unit: 'binary', maxLength: 120 }).map((s) => new TextEncoder().encode(s));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(text, bytes, fc.constant(new Uint8Array([0xef, 0xbb, 0xbf]))), { maxLength: 6 }), fc.integer({ min: 1, max: 64 }), async (parts, size) => {
        const blob = new Blob(parts);
        const pieces = await collect(blob, size);
        expect(pieces.join('')).toBe(await viaDecoderStream(blob));
        expect(pieces.every((p) => p.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the same for text mostly ASCII (pieces made on V8\'s heap) with characters and BOMs here and there', async () => {
    const part = fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 80 }) },
      { weight: 1, arbitrary: fc.constantFrom('\u00e9', '\u20ac', '\ud83d\ude00', '\ufeff') },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), async (parts, size) => {
        const blob = new Blob([new TextEncoder().encode(parts.join(''))]);
        expect((await collect(blob, size)).join('')).toBe(await viaDecoderStream(blob));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a piece at a time, at most the buffer size each', async () => {
    const blob = new Blob(['x'.repeat(100_000)]);
    const pieces = await collect(blob, 32_768);
    expect(pieces.map((p) => p.length)).toEqual([32_768, 32_768, 32_768, 1_696]);
  });

  it('a file that cannot be read to its end throws (the import fails), never ends quietly short', async () => {
    let n = 0;
    const failing = {
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(c) {
            if (n++ === 0) c.enqueue(new TextEncoder().encode('{"format":"kenner-graph","version":1}\n'));
            else c.error(new DOMException('The file could not be read', 'NotReadableError'));
          },
        }),
    } as unknown as Blob;
    const pieces: string[] = [];
    await expect(
      (async () => {
        for await (const t of fileText(failing)) pieces.push(t);
      })(),
    ).rejects.toThrow('The file could not be read');
    expect(pieces.join('')).toContain('kenner-graph');
  });

  it('stops reading when the signal aborts', async () => {
    const abort = new AbortController();
    const pieces: string[] = [];
    for await (const t of fileText(new Blob(['y'.repeat(100_000)]), abort.signal, 1000)) {
      pieces.push(t);
      if (pieces.length === 3) abort.abort();
    }
    expect(pieces).toHaveLength(3);
  });
});
