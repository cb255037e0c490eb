/**
 * Folding of names for matching (never for display): case, diacritics and
 * their spelled-out forms (Müller/Mueller/Muller, Mærsk/Maersk, Søren/Soren,
 * ß/ss), width variants, punctuation and legal forms. The same function is
 * applied to the dictionary and to page text, so both sides fold alike.
 * (First version; the spotting subsystem owns and deepens it.)
 */
const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i',
};

/** Lowercase, width-fold (NFKC), strip diacritics, spell out special letters, fold ae/oe/ue to a/o/u. */
export function foldText(input: string): string {
  let s = input.normalize('NFKC').toLowerCase();
  s = s.replace(/[ßæøœđðþłı]/g, (c) => SPECIAL[c] ?? c);
  s = s.normalize('NFKD').replace(/\p{M}+/gu, '');
  // German/Danish transliterations: Mueller ~ Müller ~ Muller, Maersk ~ Mærsk.
  s = s.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
  return s;
}

export const LEGAL_FORMS = [
  'gmbh & co. kg', 'gmbh & co kg', 'gmbh', 'ag', 'kg', 'se', 'b.v.', 'bv', 'n.v.', 'nv', 'a/s', 'aps', 'ab', 'oy', 'oyj', 'asa', 'as',
  'ltd', 'ltd.', 'limited', 'plc', 'inc', 'inc.', 'llc', 'corp', 'corp.', 'co.', 's.a.', 'sa', 's.a.s.', 'sas', 's.p.a.', 'spa', 'sarl',
];

/** A matching key: folded, punctuation to single spaces, trimmed. */
export function normalizeKey(input: string): string {
  return foldText(input)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const LEGAL_SUFFIX = new RegExp(
  `(?:\\s+(?:${LEGAL_FORMS.map((f) => normalizeKey(f).replace(/ /g, '\\s+')).filter(Boolean).join('|')}))+$`,
);

/** The key without trailing legal forms ("nordlicht logistik gmbh" → "nordlicht logistik"). */
export function stripLegalForm(key: string): string {
  const stripped = key.replace(LEGAL_SUFFIX, '').trim();
  return stripped || key;
}

/** Keys under which an account name is known: full, and without legal form. */
export function nameKeys(name: string, aliases: string[] = []): string[] {
  const out = new Set<string>();
  for (const n of [name, ...aliases]) {
    const k = normalizeKey(n);
    if (!k) continue;
    out.add(k);
    out.add(stripLegalForm(k));
  }
  return [...out];
}
