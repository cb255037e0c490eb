/** The options page's sections, in nav order; the hash names one (#data is the default). */
export const SECTION_IDS = ['data', 'sites', 'page', 'me', 'privacy', 'diagnostics', 'policy'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#/, '').split(/[?&/]/)[0].toLowerCase();
  return (SECTION_IDS as readonly string[]).includes(id) ? (id as SectionId) : 'data';
}
