/**
 * Evidence for names in free text (issue 13, "Precision on real prose"). A
 * name that is also a common word, or a part of a longer proper name, is
 * only taken where the page gives evidence that it is the customer:
 *
 * - capitalisation: an account or contact the dictionary writes with a
 *   capital does not match all-lower-case text ("labour market", "real");
 *   common-word names also need the dictionary's own case shape (matcher);
 * - no adjacent capitalised word that makes a one-word account name part of a
 *   longer name: "York" in "New York", "Rangers" in "Glasgow Rangers", and for
 *   a common-word name also the word after it: the alias "Real" in "Real
 *   Madrid" — unless the neighbour is a legal form ("York Ltd": evidence) or an
 *   ordinary sentence opener ("The", "In", "Die"). (Any name followed by a
 *   capitalised word is not refused: "minister van Onderwijs Marleen
 *   Vanderpoorten", "Oracle Belgium" name the customer; measured.)
 * - a common-word name (weak match) counts only when the same customer is
 *   named with evidence on the page too: a strong mention (its full name, a
 *   legal form), its email domain, or a structural field (`confirmWeak`).
 *
 * Structural fields (record ids, the adapters' fields) and email addresses
 * stay authoritative: they never go through these checks. Pure code, used by
 * the matcher (content script) and the benchmarks.
 */
import { LEGAL_FORMS } from '../text/normalize';
import { hasNumber, isUpper, isWordChar } from './chars';

export { hasCapital } from './chars';

/** Words that may open a sentence right before a name without being part of it. */
const OPENERS = new Set(
  `the a an in on at for with by from of and or to as but after before since if when while during under over into about
this that these those its his her their our my your yesterday today tomorrow also however meanwhile then
der die das den dem des ein eine einen einem einer im in am an auf bei mit von vom zu zur zum für nach aus und oder aber
auch heute gestern morgen laut wie seit
de het een op aan bij met van voor naar uit en maar ook vandaag gisteren volgens
den det de en et ett på ved vid med fra från til till for för og och eller men også också idag
`.split(/\s+/).filter(Boolean),
);

/** Legal forms as one run of letters (b.v. → bv, gmbh, ltd). */
const LEGAL = new Set(LEGAL_FORMS.map((f) => f.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean));

/** A capitalised word of letters (a code such as W224 or a number is not part of a name). */
const isName = (word: string) => isUpper(word[0]) && !hasNumber(word);

function sentenceStart(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /[\s"'“„«‚‘([¿¡*–—-]/.test(text[k]) && text[k] !== '\n') k--;
  return k < 0 || '.!?…\n'.includes(text[k]);
}

/**
 * A capitalised word right before the span (one space between, same line), or
 * with `after` right after it, that makes it part of a longer name. Ordinary
 * sentence openers before it and legal forms after it are not such words.
 */
export function capitalisedNeighbour(text: string, start: number, end: number, after = true): boolean {
  if (start >= 2 && (text[start - 1] === ' ' || text[start - 1] === '\u00a0')) {
    let j = start - 2;
    while (j >= 0 && isWordChar(text[j])) j--;
    const word = text.slice(j + 1, start - 1);
    if (isName(word) && !(sentenceStart(text, j + 1) && OPENERS.has(word.toLowerCase()))) return true;
  }
  if (after && (text[end] === ' ' || text[end] === '\u00a0')) {
    let j = end + 1;
    while (j < text.length && (isWordChar(text[j]) || text[j] === '/')) j++; // A/S
    const word = text.slice(end + 1, j);
    if (isName(word) && !LEGAL.has(word.toLowerCase().replace(/[^a-z]/g, ''))) return true;
  }
  return false;
}

/** What confirmWeak needs of a match. */
export interface WeakCandidate {
  ents: number[];
  weak?: true;
}

/**
 * Keeps a weak match (a common-word name) only where the page names the same
 * customer with evidence too: a strong match of it in `matches`, or an entity
 * in `evidence` (its email domain or a structural field). Strong matches pass.
 */
export function confirmWeak<T extends WeakCandidate>(matches: readonly T[], evidence: ReadonlySet<number> = new Set()): T[] {
  const strong = new Set(evidence);
  for (const m of matches) if (!m.weak) for (const e of m.ents) strong.add(e);
  return matches.filter((m) => !m.weak || m.ents.some((e) => strong.has(e)));
}
