/**
 * The text of a file the options page handed the service worker (utils/messaging/import-port.ts),
 * decoded exactly as the page's `TextDecoderStream` does (UTF-8, a leading
 * BOM dropped, bytes that are not UTF-8 as U+FFFD), a piece at a time.
 *
 * Memory (store.design.md, "Memory of an import"): the bytes are read into
 * one buffer that goes round (a BYOB reader: the stream fills it and hands
 * it back), so reading allocates no ArrayBuffer per piece, and each piece's
 * text is a string only this code holds, which V8 collects young. The next
 * piece is read while the consumer parses this one.
 *
 * A piece that is all ASCII, after a piece that ended in ASCII (so the
 * decoder holds no unfinished character and has seen the file's start),
 * becomes a string here (`String.fromCharCode`): the decoder's strings live
 * outside V8's heap (external strings), where, unlike the young generation,
 * each one is extra memory until the next scavenge: tens of MB between
 * scavenges in a scale-10 import (store.design.md).
 */

/** Bytes read at a time. */
export const PIECE_BYTES = 32_768;

type Read = ReadableStreamReadResult<Uint8Array>;

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
}

/** ASCII bytes as a string on V8's heap. */
function asciiText(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

/** A file's text in pieces of at most `bytes` bytes' worth; stops reading when `signal` aborts or the consumer stops. */
export async function* fileText(file: Blob, signal?: AbortSignal, bytes = PIECE_BYTES): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const stream = file.stream();
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    /* not a byte stream: its own chunks */
  }
  const reader = byob ?? stream.getReader();
  let buf = new ArrayBuffer(bytes);
  const read = (): Promise<Read> => (byob ? byob.read(new Uint8Array(buf)) : (reader as ReadableStreamDefaultReader<Uint8Array>).read());
  let next: Promise<Read> | null = read();
  /** Whether the last byte read was ASCII (none yet: false). */
  let afterAscii = false;
  try {
    for (;;) {
      if (signal?.aborted) return;
      // A file that cannot be read (any more) throws here: the import fails with `unreadable`, never quietly short.
      const r: Read = await next;
      const { value, done } = r;
      if (done) break;
      const text = afterAscii && isAscii(value) ? asciiText(value) : decoder.decode(value, { stream: true });
      if (value.length) afterAscii = value[value.length - 1] < 0x80;
      // Decoded: the buffer is free for the next piece, read while this one is parsed.
      if (byob) buf = value.buffer as ArrayBuffer;
      next = read();
      if (text) yield text;
    }
    next = null;
    const tail = decoder.decode();
    if (tail) yield tail;
  } finally {
    if (next) {
      next.catch(() => undefined);
      void reader.cancel().catch(() => undefined);
    }
  }
}
