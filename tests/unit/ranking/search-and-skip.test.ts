/**
 * The text search skips its AND pass when one of the question's filler words finds no one alone
 * (search.ts, findsNoOne). That may change no answer: whenever it skips, the AND pass it skips finds
 * no one, and every answer equals the one of a search that does not skip.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDemoGraph } from '../../../utils/demo/generate';
import { andSearch, buildSearchIndex, findsNoOne } from '../../../utils/ranking/search';

const graph = generateDemoGraph({ scale: 1 });
const index = buildSearchIndex({ people: graph.people, accounts: graph.accounts, topics: graph.topics });

// Filler words (some of which are also in names: "van", "de", "den"), words of the graph, prefixes, noise.
const fillers = ['wer', 'kennt', 'who', 'knows', 'wie', 'kent', 'hvem', 'kender', 'vem', 'känner', 'van', 'den', 'der', 'de', 'mit', 'with', 'about', 'und', 'experte'];
const graphWords = [...new Set(graph.people.slice(0, 200).flatMap((p) => [p.name, p.title ?? '', p.location ?? ''].join(' ').split(/\s+/)))].filter(Boolean);
const word = fc.oneof(
  fc.constantFrom(...fillers),
  fc.constantFrom(...graphWords),
  fc.constantFrom(...graphWords).chain((w) => fc.integer({ min: 1, max: Math.max(1, w.length) }).map((n) => w.slice(0, n))),
  fc.stringMatching(/^[a-zøåä]{1,6}$/),
);
const query = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

describe('text search: the AND pass skipped when a filler word finds no one', () => {
  it('skips only AND passes that find no one', () => {
    fc.assert(
      fc.property(query, (q) => {
        if (findsNoOne(index, q)) expect(andSearch(index, q)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('skips the benchmark\'s slow keystrokes, and not a filler word that is a name', () => {
    for (const q of ['wer ke', 'wer ken', 'wer kenn', 'who k', 'hvem kender n']) expect(findsNoOne(index, q)).toBe(true);
    // "van" is in names (Zoë van den Berg): it finds people alone, so the AND pass runs.
    expect(findsNoOne(index, 'van be')).toBe(false);
    // One word: nothing to skip.
    expect(findsNoOne(index, 'wer')).toBe(false);
  });

  it('skips only AND passes that find no one, on questions typed letter by letter', () => {
    let skipped = 0;
    for (const full of ['wer kennt havbryggen', 'who knows nordlicht', 'wie kent edi', 'vem känner sap', 'wer kennt van den berg', 'hvem har arbejdet med solvik']) {
      for (let i = 1; i <= full.length; i++) {
        const q = full.slice(0, i);
        if (!findsNoOne(index, q)) continue;
        skipped++;
        expect(andSearch(index, q)).toEqual([]);
      }
    }
    expect(skipped).toBeGreaterThan(20);
  });
});
