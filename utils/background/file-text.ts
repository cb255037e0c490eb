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
 */

/** Bytes read at a time. */
export const PIECE_BYTES = 32_768;

type Read = ReadableStreamReadResult<Uint8Array>;

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
  try {
    for (;;) {
      if (signal?.aborted) return;
      let r: Read;
      try {
        r = await next;
      } catch {
        // A file that cannot be read (any more) ends there, as the page's reader did.
        next = null;
        break;
      }
      const { value, done } = r;
      if (done) break;
      const text = decoder.decode(value, { stream: true });
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
