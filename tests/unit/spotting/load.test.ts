import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { Matcher } from '../../../utils/spotting/matcher';
import { base64ToBytes, base64ToBytesChunked, bytesToBase64 } from '../../../utils/spotting/table';
import { viaMessage } from './helpers';

describe('dictionary loading without a long task', () => {
  it('sliced base64 decoding equals one-piece decoding, pausing between slices', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(4, 8, 12, 64), async (bytes, slice) => {
        const b64 = bytesToBase64(bytes);
        let pauses = 0;
        const out = await base64ToBytesChunked(b64, async () => void pauses++, slice);
        expect([...out]).toEqual([...base64ToBytes(b64)]);
        expect([...out]).toEqual([...bytes]);
        if (b64.length > slice) expect(pauses).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('Matcher.load yields between arrays and finds exactly what the synchronous constructor finds', async () => {
    const d = viaMessage(compileDictionary(STORY, 'r'));
    let pauses = 0;
    const loaded = await Matcher.load(d, async () => void pauses++);
    const direct = new Matcher(d);
    expect(pauses).toBeGreaterThanOrEqual(4);
    const text = 'Nordlicht Logistik GmbH met Henrik Ahlers about EDI and S/4HANA; mail mette.hansen@havbryggen.dk. Solvik Energi AB too.';
    const found = loaded.matchText(text, []);
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(found).toEqual(direct.matchText(text, []));
    expect(loaded.lookupName('Solvik Energi AB').map((e) => loaded.idOf(e))).toEqual(['a-solvik']);
    await expect(Matcher.load({ format: 'nope' } as never)).rejects.toThrow(/not a compiled dictionary/);
  });
});
