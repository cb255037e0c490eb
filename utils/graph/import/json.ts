/**
 * JSON (.json): one object {format, version, people: [...], accounts: [...], ...}
 * read incrementally: a small scanner walks the top-level object across chunk
 * boundaries and hands each element of the record arrays to JSON.parse on its
 * own, so memory holds one record at a time, never the file. (A hand-written
 * splitter rather than a token-level streaming parser: one JSON.parse per
 * record is several times faster, and it knows each record's line.)
 */
import type { RecordType } from '../schema';
import { err, type ErrorList } from './errors';
import { checkHeader, jsonDetail } from './ndjson';
import type { RawRecord } from './records';
import { checkRecordLength } from './text';

const ARRAY_TYPES: Record<string, RecordType> = {
  people: 'person',
  accounts: 'account',
  contacts: 'contact',
  topics: 'topic',
  interactions: 'interaction',
};

const enum S {
  Start,
  ExpectKey,
  InKey,
  ExpectColon,
  ExpectValue,
  InArray,
  InElement,
  InValue,
  AfterValue,
  Done,
}

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

class StopFile extends Error {}

export async function* parseJson(file: string, chunks: AsyncIterable<string>, errors: ErrorList): AsyncGenerator<RawRecord[]> {
  let buf = '';
  let i = 0;
  let line = 1;
  let state = S.Start;
  let key = '';
  let tokStart = -1; // start of the key / element / value being read
  let tokLine = 1;
  let arrayType: RecordType | undefined;
  let skipValue = false;
  // Value scanner state.
  let depth = 0;
  let inStr = false;
  let primitive = false;
  const header: Record<string, unknown> = {};
  let sawObject = false;

  const fail = (e: Parameters<ErrorList['add']>[0]) => {
    errors.add(e);
    throw new StopFile();
  };

  /** Advances the value scanner from i; returns the end index (exclusive) once the value is complete, else -1. */
  const scanValue = (): number => {
    while (i < buf.length) {
      if (inStr) {
        const q = buf.indexOf('"', i);
        if (q === -1) {
          i = buf.length;
          return -1;
        }
        let bs = 0;
        for (let k = q - 1; k >= tokStart && buf.charCodeAt(k) === 0x5c; k--) bs++;
        i = q + 1;
        if (bs % 2 === 1) continue;
        inStr = false;
        if (depth === 0) return i;
        continue;
      }
      const c = buf.charCodeAt(i);
      if (primitive) {
        if (c === 0x2c || c === 0x5d || c === 0x7d || WS(c)) return i;
        i++;
        continue;
      }
      if (c === 0x22) {
        inStr = true;
        i++;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        i++;
        if (depth === 0) return i;
      } else {
        if (c === 0x0a) line++;
        i++;
      }
    }
    return -1;
  };
  const startValue = () => {
    tokStart = i;
    tokLine = line;
    depth = 0;
    inStr = false;
    const c = buf.charCodeAt(i);
    primitive = !(c === 0x22 || c === 0x7b || c === 0x5b);
  };

  const step = (out: RawRecord[], final: boolean) => {
    while (i < buf.length || (final && state === S.InValue && primitive)) {
      const c = buf.charCodeAt(i);
      if (state !== S.InElement && state !== S.InValue && state !== S.InKey && WS(c)) {
        if (c === 0x0a) line++;
        i++;
        continue;
      }
      switch (state) {
        case S.Start:
          if (c !== 0x7b) fail(err.badHeader({ file, line }));
          sawObject = true;
          state = S.ExpectKey;
          i++;
          break;
        case S.ExpectKey:
          if (c === 0x7d) {
            state = S.Done;
            i++;
          } else if (c === 0x22) {
            tokStart = i;
            tokLine = line;
            depth = 0;
            inStr = false;
            primitive = false;
            state = S.InKey;
          } else fail(err.badJson({ file, line }, `unexpected "${String.fromCharCode(c)}" where a field name should be`));
          break;
        case S.InKey: {
          const end = scanValue();
          if (end === -1) return;
          key = JSON.parse(buf.slice(tokStart, end)) as string;
          tokStart = -1;
          state = S.ExpectColon;
          break;
        }
        case S.ExpectColon:
          if (c !== 0x3a) fail(err.badJson({ file, line }, `expected ":" after "${key}"`));
          state = S.ExpectValue;
          i++;
          break;
        case S.ExpectValue:
          arrayType = ARRAY_TYPES[key];
          if (arrayType && c === 0x5b) {
            state = S.InArray;
            i++;
          } else {
            skipValue = !(key === 'format' || key === 'version');
            startValue();
            state = S.InValue;
          }
          break;
        case S.InArray:
          if (c === 0x2c) i++;
          else if (c === 0x5d) {
            state = S.AfterValue;
            i++;
          } else {
            startValue();
            state = S.InElement;
          }
          break;
        case S.InElement: {
          const end = scanValue();
          if (end === -1) return;
          const text = buf.slice(tokStart, end);
          tokStart = -1;
          state = S.InArray;
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch (e) {
            fail(err.badJson({ file, line: tokLine }, jsonDetail(e)));
          }
          if (value === null || typeof value !== 'object' || Array.isArray(value)) errors.add(err.notARecord({ file, line: tokLine }));
          else out.push({ type: arrayType, value: value as Record<string, unknown>, line: tokLine });
          break;
        }
        case S.InValue: {
          let end = scanValue();
          if (end === -1) {
            if (!(final && primitive)) return;
            end = buf.length;
          }
          if (!skipValue) {
            try {
              header[key] = JSON.parse(buf.slice(tokStart, end));
            } catch (e) {
              fail(err.badJson({ file, line: tokLine }, jsonDetail(e)));
            }
          }
          tokStart = -1;
          state = S.AfterValue;
          if (final && i >= buf.length) return;
          break;
        }
        case S.AfterValue:
          if (c === 0x2c) state = S.ExpectKey;
          else if (c === 0x7d) state = S.Done;
          else fail(err.badJson({ file, line }, `expected "," or "}" after "${key}"`));
          i++;
          break;
        case S.Done:
          fail(err.badJson({ file, line }, 'more text after the end of the object'));
      }
    }
  };

  try {
    for await (const chunk of chunks) {
      buf = tokStart >= 0 ? buf.slice(tokStart) + chunk : chunk;
      i -= tokStart >= 0 ? tokStart : i;
      if (tokStart >= 0) tokStart = 0;
      const out: RawRecord[] = [];
      step(out, false);
      // One record (or value) longer than a record may be: stop before it fills memory.
      if (tokStart >= 0) checkRecordLength(buf.length - tokStart, file, tokLine, errors);
      // Keep only what the current token still needs.
      if (tokStart < 0) {
        buf = '';
        i = 0;
      }
      if (out.length) yield out;
    }
    const out: RawRecord[] = [];
    step(out, true);
    if (out.length) yield out;
    if ((state as S) !== S.Done) {
      if (!sawObject) fail(err.badHeader({ file, line: 1 }));
      fail(err.badJson({ file, line }, 'the file ends before the object does'));
    }
    checkHeader(file, 1, header, errors);
  } catch (e) {
    if (!(e instanceof StopFile)) throw e;
  }
}
