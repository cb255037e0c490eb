/**
 * Microsoft Graph's directory as Kenner colleagues: the answer schemas of the
 * calls Kenner makes (users, people, profile skills), and how a directory
 * user becomes a Person (`m365:<id>`) or fills the gaps of an existing one.
 * Pure mapping; the source itself is microsoft365.ts.
 */
import { z } from 'zod';
import type { Person } from '../graph/model';
import { normalizeKey } from '../text/normalize';

export const USER_SELECT = 'id,displayName,mail,userPrincipalName,jobTitle,department,officeLocation,country,preferredLanguage,mailboxSettings';
const PERSON_KEYS = ['id', 'name', 'email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'managerId', 'skills', 'chat', 'photoUrl', 'discoverable'] as const;

const nullableStr = z.string().max(1000).nullish();
const GraphUserSchema = z.object({
  id: z.string().min(1).max(200),
  displayName: nullableStr,
  mail: nullableStr,
  userPrincipalName: nullableStr,
  jobTitle: nullableStr,
  department: nullableStr,
  officeLocation: nullableStr,
  country: nullableStr,
  preferredLanguage: nullableStr,
  mailboxSettings: z.object({ timeZone: nullableStr }).partial().passthrough().nullish(),
});
export type GraphUser = z.infer<typeof GraphUserSchema>;

const collection = <T extends z.ZodType>(item: T) =>
  z.object({ '@odata.context': z.string().optional(), '@odata.nextLink': z.string().url().optional(), value: z.array(item).max(5000) });
export const UsersPage = collection(GraphUserSchema);
export const PeoplePage = collection(
  z.object({
    id: z.string().min(1),
    displayName: nullableStr,
    userPrincipalName: nullableStr,
    scoredEmailAddresses: z.array(z.object({ address: nullableStr, relevanceScore: z.number().nullish() })).nullish(),
  }),
);
export const SkillsPage = collection(z.object({ displayName: z.string().min(1).max(300) }));

/** Windows time-zone ids seen in European tenants → IANA. */
const WINDOWS_ZONES: Record<string, string> = {
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'FLE Standard Time': 'Europe/Helsinki',
  'GTB Standard Time': 'Europe/Bucharest',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'Russian Standard Time': 'Europe/Moscow',
  UTC: 'UTC',
};

let regionCodes: Map<string, string> | null = null;
/** "Germany" / "Deutschland" / "DE" → "DE" (ISO 3166-1 alpha-2), else undefined. */
export function countryCode(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  if (!regionCodes) {
    regionCodes = new Map();
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const lang of ['en', 'de', 'nl', 'da', 'sv', 'fr']) {
      const names = new Intl.DisplayNames([lang], { type: 'region' });
      for (const a of A)
        for (const b of A) {
          const code = a + b;
          try {
            const name = names.of(code);
            if (name && name !== code) regionCodes.set(normalizeKey(name), code);
          } catch {
            /* not a region */
          }
        }
    }
  }
  return regionCodes.get(normalizeKey(v));
}

/** A directory user as a Kenner colleague (id `m365:<id>`); null for entries without a name. */
export function mapUser(u: GraphUser): Person | null {
  const name = u.displayName?.trim();
  if (!name) return null;
  const email = (u.mail || (u.userPrincipalName?.includes('@') ? u.userPrincipalName : undefined))?.toLowerCase();
  const tz = u.mailboxSettings?.timeZone ?? undefined;
  const timezone = tz ? (tz.includes('/') || tz === 'UTC' ? tz : WINDOWS_ZONES[tz]) : undefined;
  const lang = u.preferredLanguage?.trim();
  const p: Person = { id: `m365:${u.id}`, name };
  if (email) p.email = email;
  if (u.jobTitle) p.title = u.jobTitle;
  if (u.department) p.department = u.department;
  if (u.officeLocation) p.location = u.officeLocation;
  const country = countryCode(u.country);
  if (country) p.country = country;
  if (timezone) p.timezone = timezone;
  if (lang) p.languages = [lang];
  if (u.userPrincipalName) p.chat = { teams: u.userPrincipalName };
  return p;
}

function copyField<K extends keyof Person>(to: Person, from: Person, k: K): void {
  to[k] = from[k];
}

/** Fill the fields an existing colleague lacks with the directory's (the existing record wins). */
export function enrich(existing: Person, fromDirectory: Person): Person {
  const out: Person = { id: existing.id, name: existing.name };
  for (const k of PERSON_KEYS) if (existing[k] !== undefined) copyField(out, existing, k);
  for (const k of PERSON_KEYS) if (k !== 'id' && out[k] === undefined && fromDirectory[k] !== undefined) copyField(out, fromDirectory, k);
  out.chat = existing.chat || fromDirectory.chat ? { ...fromDirectory.chat, ...existing.chat } : undefined;
  if (!out.chat) delete out.chat;
  return out;
}
