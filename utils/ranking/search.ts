/**
 * People search for the popup and the options page ("Me"). Runs in the
 * background; the lead wires it to the `searchPeople` message. See
 * search.design.md.
 *
 * Two kinds of query:
 * - a query that names a customer (account name or alias) or a topic,
 *   optionally wrapped in filler words ("who knows Nordlicht", "wer kennt
 *   S/4HANA", "vem känner Solvik?"): colleagues ranked by the ranking model
 *   (the `rank` callback), each with its suggestion (structured reasons);
 * - anything else: colleagues whose name, title, department, location, email
 *   or skills match, by MiniSearch score (prefix, fuzzy 0.2, any word order,
 *   diacritic-insensitive through foldText).
 *
 * Non-discoverable colleagues are never indexed, and ranked results are
 * filtered against the index too, so they cannot come back from either path.
 */
import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { Account, EntityKind, Person, Topic } from '../graph/model';
import { shownPhotoUrl } from '../graph/display';
import { foldText, nameKeys, normalizeKey } from '../text/normalize';
import type { DetectedEntity } from '../spotting/types';
import type { PersonHit, PersonSummary, Suggestion } from './types';
import { AT_DOMAIN, indexedEmail, sharedDomains } from './search-email';

export interface SearchSource {
  people: Person[];
  accounts: Array<Pick<Account, 'id' | 'name' | 'aliases'>>;
  topics: Topic[];
}

interface EntityRef {
  kind: Extract<EntityKind, 'account' | 'topic'>;
  id: string;
  name: string;
}

interface PersonDoc {
  id: string;
  name: string;
  title: string;
  department: string;
  location: string;
  email: string;
  skills: string;
}

export interface SearchIndex {
  /** Number of (discoverable) people indexed. */
  readonly size: number;
  /** @internal */
  readonly mini: MiniSearch<PersonDoc>;
  /** @internal person id → what the UI may show. */
  readonly people: ReadonlyMap<string, PersonSummary>;
  /** @internal folded email → person id. */
  readonly emails: ReadonlyMap<string, string>;
  /** @internal entity key (normalizeKey) → entities known under it. */
  readonly entityKeys: ReadonlyMap<string, EntityRef[]>;
  /** @internal longest entity key, in words. */
  readonly maxKeyWords: number;
  /**
   * @internal product families: the first word of a topic's several-word
   * label or alias (normalizeKey) → the topics named so ("sap" → SAP
   * S/4HANA migration, SAP BW/4HANA, SAP Ariba …).
   */
  readonly families: ReadonlyMap<string, EntityRef[]>;
  /** @internal person id → their skills: label, and label with aliases folded (for a text hit's reason). */
  readonly skillLabels: ReadonlyMap<string, Array<{ label: string; folded: string }>>;
}

export interface SearchPeopleOptions {
  /** Most results returned (default 20). */
  limit?: number;
  /** Ranks colleagues for entities (the lead passes rankEntities). */
  rank?: (entities: DetectedEntity[]) => Promise<Suggestion[]>;
}

/**
 * Words around an entity name in a question, in the five languages (folded
 * like the query: lower case, no diacritics, ae/oe/ue → a/o/u). A query names
 * an entity when every word that is not part of an entity name is one of these.
 */
const FILLER_WORDS: ReadonlySet<string> = new Set(
  [
    // en: who knows / who has worked with / who can help with / anyone who knows about the customer …
    'who', 'knows', 'know', 'knew', 'has', 'have', 'had', 'worked', 'works', 'work', 'working', 'with', 'for', 'at', 'on', 'about',
    'can', 'could', 'help', 'helps', 'is', 'are', 'the', 'a', 'an', 'expert', 'experts', 'experience', 'anyone', 'someone', 'somebody',
    'customer', 'client', 'account', 'topic', 'of', 'in', 'me', 'us', 'to', 'does', 'do', 'colleague', 'colleagues', 'and', 'or',
    'und', 'oder', 'og', 'eller', 'och',
    // de: wer kennt / wer kennt sich mit … aus / wer hat mit … gearbeitet / wer weiß etwas über …
    'wer', 'kennt', 'kennen', 'sich', 'mit', 'aus', 'hat', 'haben', 'gearbeitet', 'arbeitet', 'weiss', 'etwas', 'uber', 'kann', 'konnte',
    'helfen', 'bei', 'zu', 'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'kunde', 'kunden', 'thema', 'experte',
    'expertin', 'experten', 'erfahrung', 'fur', 'jemand', 'kollege', 'kollegin', 'kollegen', 'im', 'mir', 'uns',
    // nl: wie kent / wie heeft gewerkt met / wie weet iets over / wie kan helpen met …
    'wie', 'kent', 'kennen', 'heeft', 'hebben', 'gewerkt', 'werkt', 'weet', 'iets', 'over', 'kan', 'helpen', 'bij', 'met', 'de', 'het',
    'een', 'klant', 'onderwerp', 'deskundige', 'ervaring', 'voor', 'iemand', 'collega', 'collegas', 'van', 'mij', 'ons',
    // da: hvem kender / hvem har arbejdet med / hvem ved noget om / hvem kan hjælpe med …
    'hvem', 'kender', 'kende', 'har', 'arbejdet', 'arbejder', 'med', 'ved', 'noget', 'om', 'hjalpe', 'hos', 'til', 'kunden', 'emne',
    'ekspert', 'eksperter', 'erfaring', 'nogen', 'kollega', 'kolleger', 'pa', 'mig', 'os', 'en', 'et', 'den', 'det',
    // sv: vem känner / vem har jobbat med / vem vet något om / vem kan hjälpa till med …
    'vem', 'kanner', 'kanna', 'jobbat', 'arbetat', 'jobbar', 'arbetar', 'vet', 'nagot', 'hjalpa', 'kund', 'amne', 'expert', 'experter',
    'erfarenhet', 'nagon', 'kollegor', 'av', 'mej', 'oss', 'ett',
  ].map((w) => normalizeKey(w)),
);

const DEFAULT_LIMIT = 20;

/** MiniSearch's default tokenizer: splits on spaces and punctuation. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

function processTerm(term: string): string | null {
  const folded = foldText(term);
  return folded.length > 0 ? folded : null;
}

function toSummary(p: Person): PersonSummary {
  const s: PersonSummary = { id: p.id, name: p.name };
  if (p.email) s.email = p.email;
  if (p.title) s.title = p.title;
  if (p.department) s.department = p.department;
  if (p.location) s.location = p.location;
  if (p.country) s.country = p.country;
  if (p.timezone) s.timezone = p.timezone;
  if (p.languages) s.languages = p.languages;
  // A photo only when the graph carries it (data:image): the local graph makes no request.
  const photoUrl = shownPhotoUrl(p.photoUrl);
  if (photoUrl) s.photoUrl = photoUrl;
  if (p.chat) s.chat = p.chat;
  return s;
}

/** Builds the index. Non-discoverable people are left out entirely. */
export function buildSearchIndex(src: SearchSource): SearchIndex {
  const topicText = new Map<string, string>();
  for (const tp of src.topics) topicText.set(tp.id, [tp.label, ...(tp.aliases ?? [])].join(' '));

  const mini = new MiniSearch<PersonDoc>({
    fields: ['name', 'title', 'department', 'location', 'email', 'skills'],
    idField: 'id',
    storeFields: [],
    tokenize: (text) => text.split(SPACE_OR_PUNCTUATION),
    processTerm,
  });

  const people = new Map<string, PersonSummary>();
  const emails = new Map<string, string>();
  const skillLabels = new Map<string, Array<{ label: string; folded: string }>>();
  const topicLabel = new Map(src.topics.map((tp) => [tp.id, { label: tp.label, folded: foldText([tp.label, ...(tp.aliases ?? [])].join(' ')) }]));
  const docs: PersonDoc[] = [];
  const shared = sharedDomains(src.people.filter((p) => p.discoverable !== false).map((p) => p.email));
  for (const p of src.people) {
    if (p.discoverable === false || people.has(p.id)) continue;
    people.set(p.id, toSummary(p));
    if (p.email) emails.set(p.email.trim().toLowerCase(), p.id);
    if (p.skills?.length) skillLabels.set(p.id, p.skills.map((id) => topicLabel.get(id)).filter((l) => l !== undefined));
    docs.push({
      id: p.id,
      name: p.name,
      title: p.title ?? '',
      department: p.department ?? '',
      location: p.location ?? '',
      email: indexedEmail(p.email, shared),
      skills: (p.skills ?? []).map((id) => topicText.get(id) ?? '').join(' '),
    });
  }
  mini.addAll(docs);

  const entityKeys = new Map<string, EntityRef[]>();
  let maxKeyWords = 1;
  const addKey = (key: string, ref: EntityRef) => {
    if (!key) return;
    const list = entityKeys.get(key);
    if (list) {
      if (!list.some((r) => r.id === ref.id && r.kind === ref.kind)) list.push(ref);
    } else entityKeys.set(key, [ref]);
    const words = key.split(' ').length;
    if (words > maxKeyWords) maxKeyWords = words;
  };
  for (const a of src.accounts) {
    const ref: EntityRef = { kind: 'account', id: a.id, name: a.name };
    for (const key of nameKeys(a.name, a.aliases ?? [])) {
      // A key made only of filler words ("The Company") would swallow questions.
      if (key.split(' ').every((w) => FILLER_WORDS.has(w))) continue;
      addKey(key, ref);
    }
  }
  const families = new Map<string, EntityRef[]>();
  for (const tp of src.topics) {
    const ref: EntityRef = { kind: 'topic', id: tp.id, name: tp.label };
    for (const name of [tp.label, ...(tp.aliases ?? [])]) {
      const key = normalizeKey(name);
      if (!key || key.split(' ').every((w) => FILLER_WORDS.has(w))) continue;
      addKey(key, ref);
      // A product family: "SAP" of "SAP S/4HANA migration" (a leading word of two letters or more, not a filler word).
      const first = key.split(' ')[0];
      if (key.includes(' ') && first.length >= 2 && !FILLER_WORDS.has(first)) {
        const list = families.get(first) ?? [];
        if (!list.some((r) => r.id === ref.id)) list.push(ref);
        families.set(first, list);
      }
    }
  }

  return { size: people.size, mini, people, emails, entityKeys, maxKeyWords: Math.min(maxKeyWords, 12), families, skillLabels };
}

/**
 * The customers and topics a query names, or null when it does not name one
 * (some word is neither part of an entity name nor a filler word).
 * Longest names win: "S/4HANA-Migration" is the topic, not "S/4HANA" + noise.
 */
export function detectQueryEntities(index: SearchIndex, query: string): DetectedEntity[] | null {
  const key = normalizeKey(query);
  if (!key) return null;
  const words = key.split(' ');
  const found: DetectedEntity[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    const maxLen = Math.min(index.maxKeyWords, words.length - i);
    for (let len = maxLen; len >= 1; len--) {
      const refs = index.entityKeys.get(len === 1 ? words[i] : words.slice(i, i + len).join(' '));
      if (!refs) continue;
      for (const r of refs) {
        const seen = found.find((e) => e.id === r.id && e.kind === r.kind);
        if (seen) seen.count++;
        else found.push({ kind: r.kind, id: r.id, name: r.name, via: 'text', focal: true, count: 1 });
      }
      matched = len;
      break;
    }
    if (matched) {
      i += matched;
    } else if (FILLER_WORDS.has(words[i])) {
      i++;
    } else if (index.families.has(words[i])) {
      // Not a name of its own, but the family word of several topics ("SAP"): every topic of the family.
      for (const r of index.families.get(words[i])!) {
        if (!found.some((e) => e.id === r.id && e.kind === r.kind)) found.push({ kind: r.kind, id: r.id, name: r.name, via: 'text', focal: true, count: 1 });
      }
      i++;
    } else {
      return null;
    }
  }
  return found.length ? found : null;
}

const BOOST = { name: 4, skills: 1.5, title: 1.2, department: 1, location: 1, email: 0.5 };
/**
 * Per-term rules (a one-letter word typed last expanded to ~100–180 index
 * terms over six fields): a word of one letter is a prefix of names only;
 * from two letters a prefix over every field; fuzzy (edit distance 1, from 8
 * letters 2) from four letters, where three-letter words matched nearly
 * anything one edit away.
 */
const FULL_OPTIONS: SearchOptions = { prefix: true, fuzzy: (term) => (term.length >= 4 ? 0.2 : false), combineWith: 'AND', boost: BOOST };
const ONE_LETTER: SearchOptions = { prefix: true, fuzzy: false, fields: ['name'] };
/** One or two letters in all: prefix on names only (a one-letter prefix over every field is slow and useless). */
const SHORT_OPTIONS: SearchOptions = { prefix: true, fuzzy: false, combineWith: 'AND', fields: ['name'] };

/** The query as MiniSearch sees it, with one-letter words searched on names only; `combineWith` joins all words. */
function perTerm(q: string, combineWith: 'AND' | 'OR'): Query {
  const words = q.split(SPACE_OR_PUNCTUATION).filter((w) => w.length > 0);
  const single: string[] = [];
  const rest: string[] = [];
  for (const w of words) (foldText(w).length === 1 ? single : rest).push(w);
  if (!single.length) return { queries: [q], combineWith };
  return { combineWith, queries: [...(rest.length ? [rest.join(' ')] : []), ...single.map((w): Query => ({ ...ONE_LETTER, queries: [w] }))] };
}

/**
 * Whether the AND over every word of `q` certainly finds no one, because one of its words finds
 * no one alone: a question's filler word of three letters or more, searched as MiniSearch searches
 * it within the AND (the same options; the word as the tokenizer cuts it). An AND of sets one of
 * which is empty is empty, so skipping that search changes no answer; it saves the AND over the
 * other words, which for a short prefix ("wer ke": "ke" is in nearly every e-mail address) scored
 * nearly every colleague for nothing (~5 ms of the slowest keystrokes). Only filler words are tried:
 * alone they are cheap (few index terms begin with them), and they are the words likely to find no one.
 */
export function findsNoOne(index: SearchIndex, q: string): boolean {
  const words = q.split(SPACE_OR_PUNCTUATION);
  if (words.filter((w) => processTerm(w) !== null).length < 2) return false;
  for (const w of words) {
    const term = processTerm(w);
    if (term === null || term.length < 3 || !FILLER_WORDS.has(term)) continue;
    if (index.mini.search(w, FULL_OPTIONS).length === 0) return true;
  }
  return false;
}

/** The first pass of a text query: every word (AND), one-letter words on names only. */
export function andSearch(index: SearchIndex, q: string) {
  return index.mini.search(perTerm(q, 'AND'), FULL_OPTIONS);
}

/** Name/skill matches by MiniSearch score (no reasons). */
function textSearch(index: SearchIndex, query: string, limit = DEFAULT_LIMIT): PersonHit[] {
  const full = query.trim();
  if (!full) return [];
  const out: PersonHit[] = [];
  // An exact id or email finds that colleague first (the options page shows "me" by id).
  const address = full.includes('@');
  const exact = index.people.has(full) ? full : address ? index.emails.get(full.toLowerCase()) : undefined;
  if (exact) {
    const person = index.people.get(exact)!;
    out.push({ person, matched: person.email ? { field: 'email', text: person.email } : { field: 'name', text: person.name } });
  }
  // An address being typed or pasted ("oliver.bennett@kenner-de", "Oliver Bennett <oliver.bennett@…>") is searched by what comes before its @.
  // The brackets of a pasted "Name <address>" are symbols, not punctuation, to the tokenizer: they go too.
  const q = address ? full.replace(AT_DOMAIN, ' ').replace(/[<>]/g, ' ').trim() : full;
  if (!q) return out;
  const short = foldText(q).replace(/[^\p{L}\p{N}]+/gu, '').length <= 2;
  let results = short ? index.mini.search(q, SHORT_OPTIONS) : findsNoOne(index, q) ? [] : andSearch(index, q);
  // An address that is not a colleague's finds no one (not everyone at the domain).
  if (results.length === 0 && !short && !exact && !address) {
    // "who knows Lars": drop the question's filler words, then accept any word.
    const words = normalizeKey(q).split(' ');
    const core = words.filter((w) => !FILLER_WORDS.has(w)).join(' ');
    if (core && core.length < words.join(' ').length) results = index.mini.search(perTerm(core, 'AND'), FULL_OPTIONS);
    if (results.length === 0) results = index.mini.search(perTerm(core || q, 'OR'), FULL_OPTIONS);
  }
  for (let r = 0; r < results.length && out.length < limit; r++) {
    const id = results[r].id as string;
    if (id === exact) continue;
    const person = index.people.get(id);
    if (person) out.push({ person, matched: matchedOf(index, person, results[r].match) });
  }
  return out;
}

const FIELD_ORDER = ['name', 'skills', 'title', 'department', 'location', 'email'] as const;

/** The strongest field the words were found in, and what it says (for "why this result"). */
function matchedOf(index: SearchIndex, person: PersonSummary, match: Record<string, string[]>): NonNullable<PersonHit['matched']> {
  const fields = new Set(Object.values(match).flat());
  const field = FIELD_ORDER.find((f) => fields.has(f)) ?? 'name';
  if (field === 'skills') {
    const terms = Object.entries(match)
      .filter(([, f]) => f.includes('skills'))
      .map(([term]) => term);
    const labels = index.skillLabels.get(person.id) ?? [];
    const skill = labels.find((l) => terms.some((term) => l.folded.includes(term))) ?? labels[0];
    return { field, text: skill?.label ?? '' };
  }
  return { field, text: (field === 'name' ? person.name : person[field]) ?? person.name };
}

/**
 * Searches colleagues. A query naming a customer or topic returns the ranked
 * colleagues for it (with their suggestion) when `rank` is given and finds
 * someone; otherwise name/skill matches.
 */
export async function searchPeople(index: SearchIndex, query: string, opts: SearchPeopleOptions = {}): Promise<PersonHit[]> {
  const limit = opts.limit && opts.limit > 0 ? opts.limit : DEFAULT_LIMIT;
  if (!query.trim()) return [];
  if (opts.rank) {
    const entities = detectQueryEntities(index, query);
    if (entities) {
      const ranked = await opts.rank(entities);
      const out: PersonHit[] = [];
      for (const s of ranked) {
        if (out.length >= limit) break;
        // Defence in depth: only people the index holds (discoverable) come back.
        if (!index.people.has(s.person.id)) continue;
        out.push({ person: s.person, suggestion: s });
      }
      if (out.length) return out;
    }
  }
  return textSearch(index, query, limit);
}

/** The colleague with this id, if discoverable (e.g. to show "me"). */
export function personById(index: SearchIndex, id: string): PersonSummary | undefined {
  return index.people.get(id);
}
