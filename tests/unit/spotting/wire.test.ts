import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { Matcher, isCompiledDictionary } from '../../../utils/spotting/matcher';
import { occupancy, packSlots, unpackSlots } from '../../../utils/spotting/table';
import { receiveDictionary, splitDictionary } from '../../../utils/spotting/wire';

const TEXT = 'Nordlicht Logistik GmbH met Henrik Ahlers about EDI and S/4HANA; mail mette.hansen@havbryggen.dk. Solvik Energi AB too.';
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('the dictionary on the wire', () => {
  it('packed table slots go back where they were', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }), (values) => {
        const a = Uint32Array.from(values);
        const { bits, count } = occupancy(a.length, (i) => a[i] !== 0);
        const back = new Uint32Array(a.length);
        unpackSlots(bits, packSlots(a, bits, count), back);
        expect([...back]).toEqual([...a]);
      }),
    );
  });

  it('a small dictionary travels whole; a large one in parts of bounded size that give back the same dictionary', async () => {
    const d = compileDictionary(STORY, 'r1');
    expect(splitDictionary(d)).toEqual([d]);
    for (const max of [64, 100, 1000]) {
      const [head, ...parts] = json(splitDictionary(d, max));
      expect(isCompiledDictionary(head)).toBe(true);
      expect(head.parts).toBe(parts.length + 1);
      for (const p of parts) expect(p.slices.reduce((n, [, s]) => n + s.length, 0)).toBeLessThanOrEqual(max);
      const asked: number[] = [];
      const got = await receiveDictionary(head, async (i) => (asked.push(i), parts[i - 1]));
      expect(asked.sort((a, b) => a - b)).toEqual(parts.map((p) => p.part));
      expect(got).toEqual(json(d));
      const m = new Matcher(got!);
      expect(m.matchText(TEXT, [])).toEqual(new Matcher(d).matchText(TEXT, []));
    }
  });

  it('a part of another revision, or a missing one, gives no dictionary (the caller asks again)', async () => {
    const [head, ...parts] = json(splitDictionary(compileDictionary(STORY, 'r1'), 1000));
    const other = json(splitDictionary(compileDictionary(STORY, 'r2'), 1000));
    expect(await receiveDictionary(head, async (i) => other[i])).toBeNull();
    expect(await receiveDictionary(head, async (i) => (i === 2 ? null : parts[i - 1]))).toBeNull();
  });

  it('names and ids keep their separator when a name holds the preferred ones', () => {
    const accounts = [{ id: 'a\u007fb', name: 'Odd\u0080\u0081Name\u001fCo\u2063' }, { id: 'a2', name: 'Plain Co' }];
    const m = new Matcher(json(compileDictionary({ accounts, contacts: [], topics: [], people: [] }, 'r')));
    expect([m.idOf(0), m.nameOf(0), m.idOf(1), m.nameOf(1)]).toEqual(['a\u007fb', 'Odd\u0080\u0081Name Co\u2063', 'a2', 'Plain Co']);
  });
});
