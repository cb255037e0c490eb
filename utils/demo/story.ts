/**
 * The hand-written core of the demo graph: the customers, contacts, topics and
 * colleagues that the demo pages (tests/pages/) mention and that the
 * end-to-end tests assert on. The generator (utils/demo/generate.ts) adds the
 * bulk around it and never adds interactions on these accounts, so what the
 * story says about them stays true at every scale and seed.
 *
 * Story lines:
 * - Nordlicht Logistik GmbH (Salesforce pages): Sofie Lindqvist won the most
 *   recent deal there (Sep 2026) and is the strongest discoverable colleague;
 *   Jörg Bäumer owns the account; Søren Kjærgaard won a deal in 2022;
 *   Konstantin Adler is not discoverable and must never be shown.
 * - Havbryggen Shipping A/S + EDI integration (Zendesk ticket): Lars Møller
 *   knows both; Søren owns the account; Zoë van den Berg knows EDI only.
 * - Van Dijk Installatietechniek B.V. (HubSpot), Solvik Energi AB (Dynamics),
 *   Brightwater Retail plc (Freshdesk), Müller Präzisionstechnik AG (Gmail),
 *   Anchor Ltd (a name that is also a common word).
 */
import type { Account, Contact, Graph, Interaction, Person, Topic } from '../graph/model';

/** Dates in the demo are anchored here so that the generator is deterministic. */
export const DEMO_REFERENCE_DATE = '2026-11-01';
/** The company's own mail domain (colleagues), never a customer. */
export const DEMO_COMPANY_DOMAIN = 'kenner-demo.example';

const mail = (local: string) => `${local}@${DEMO_COMPANY_DOMAIN}`;

// Data: the story's records, alike in shape by design.
const STORY_TOPICS: Topic[] = [
  {
    id: 't-s4',
    label: 'SAP S/4HANA migration',
    kind: 'product',
    aliases: ['S/4HANA', 'S/4 migration', 'S/4HANA-Migration', 'S/4HANA-migratie', 'S/4HANA-migrering', 'S/4HANA-migration'],
  },
  {
    id: 't-edi',
    label: 'EDI integration',
    kind: 'technology',
    aliases: ['EDI', 'EDI-Anbindung', 'EDI-koppeling', 'EDI-integration', 'EDI-integrering'],
  },
  {
    id: 't-gdpr',
    label: 'GDPR compliance',
    kind: 'problem',
    aliases: ['GDPR', 'DSGVO', 'AVG-compliance', 'dataskyddsförordningen', 'databeskyttelsesforordningen'],
  },
  {
    id: 't-sso',
    label: 'Single sign-on',
    kind: 'technology',
    aliases: ['SSO', 'Single Sign-On', 'eenmalige aanmelding', 'enkel inloggning'],
  },
  {
    id: 't-wms',
    label: 'Warehouse management',
    kind: 'product',
    aliases: ['WMS', 'Lagerverwaltung', 'magazijnbeheer', 'lagerstyring', 'lagerhantering'],
  },
  {
    id: 't-invoice',
    label: 'Invoice discrepancies',
    kind: 'problem',
    aliases: ['Rechnungsdifferenzen', 'factuurverschillen', 'fakturaafvigelser', 'fakturaavvikelser'],
  },
];

const STORY_ACCOUNTS: Account[] = [
  {
    id: 'a-nordlicht',
    name: 'Nordlicht Logistik GmbH',
    aliases: ['Nordlicht'],
    domains: ['nordlicht-logistik.de'],
    industry: 'Logistics',
    country: 'DE',
    ownerId: 'p-joerg',
    externalIds: {
      salesforce: '0015g00000NRDLCHAA',
      hubspot: '9100001',
      dynamics: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      zendesk: '360001',
      freshdesk: '48001',
    },
    url: 'https://www.nordlicht-logistik.de',
  },
  {
    id: 'a-havbryggen',
    name: 'Havbryggen Shipping A/S',
    aliases: ['Havbryggen'],
    domains: ['havbryggen.dk'],
    industry: 'Shipping',
    country: 'DK',
    ownerId: 'p-soren',
    externalIds: { salesforce: '0015g00000HAVBRYAA', zendesk: '360002', hubspot: '9100002' },
  },
  {
    id: 'a-vandijk',
    name: 'Van Dijk Installatietechniek B.V.',
    aliases: ['Van Dijk Installatie'],
    domains: ['vandijk-installatie.nl'],
    industry: 'Construction',
    country: 'NL',
    ownerId: 'p-zoe',
    externalIds: { hubspot: '9100003', salesforce: '0015g00000VANDIJAA' },
  },
  {
    id: 'a-solvik',
    name: 'Solvik Energi AB',
    aliases: ['Solvik'],
    domains: ['solvik-energi.se'],
    industry: 'Energy',
    country: 'SE',
    ownerId: 'p-asa',
    externalIds: { dynamics: '7c9e6679-7425-40de-944b-e07fc1f90ae7', salesforce: '0015g00000SOLVIKAA' },
  },
  {
    id: 'a-brightwater',
    name: 'Brightwater Retail plc',
    aliases: ['Brightwater'],
    domains: ['brightwater-retail.co.uk'],
    industry: 'Retail',
    country: 'GB',
    ownerId: 'p-oliver',
    externalIds: { freshdesk: '48002', salesforce: '0015g00000BRIGHTAA' },
  },
  {
    id: 'a-mueller',
    name: 'Müller Präzisionstechnik AG',
    aliases: ['Müller Präzision'],
    domains: ['mueller-praezision.de'],
    industry: 'Manufacturing',
    country: 'DE',
    ownerId: 'p-joerg',
    externalIds: { salesforce: '0015g00000MUELLRAA' },
  },
  {
    id: 'a-anchor',
    name: 'Anchor Ltd',
    domains: ['anchor-ltd.co.uk'],
    industry: 'Insurance',
    country: 'GB',
    ownerId: 'p-oliver',
  },
];

const STORY_CONTACTS: Contact[] = [
  { id: 'c-ahlers', name: 'Henrik Ahlers', email: 'h.ahlers@nordlicht-logistik.de', accountId: 'a-nordlicht', title: 'Head of IT' },
  { id: 'c-krause', name: 'Svenja Krause', email: 's.krause@nordlicht-logistik.de', accountId: 'a-nordlicht', title: 'CFO' },
  { id: 'c-hansen', name: 'Mette Hansen', email: 'mette.hansen@havbryggen.dk', accountId: 'a-havbryggen', title: 'Integration Lead' },
  { id: 'c-devries', name: 'Sanne de Vries', email: 'sanne.devries@vandijk-installatie.nl', accountId: 'a-vandijk', title: 'Inkoper' },
  { id: 'c-lindberg', name: 'Erik Lindberg', email: 'erik.lindberg@solvik-energi.se', accountId: 'a-solvik', title: 'IT-chef' },
  { id: 'c-patel', name: 'Priya Patel', email: 'priya.patel@brightwater-retail.co.uk', accountId: 'a-brightwater', title: 'Service Desk Manager' },
  { id: 'c-weber', name: 'Anna Weber', email: 'a.weber@mueller-praezision.de', accountId: 'a-mueller', title: 'Leiterin Einkauf' },
];

const person = (p: Person): Person => p;

const STORY_PEOPLE: Person[] = [
  person({
    id: 'p-sofie', name: 'Sofie Lindqvist', email: mail('sofie.lindqvist'), title: 'Senior Solution Architect',
    department: 'Consulting', location: 'Stockholm', country: 'SE', timezone: 'Europe/Stockholm',
    languages: ['sv', 'en', 'de'], skills: ['t-s4'], chat: { teams: mail('sofie.lindqvist'), slack: 'U0SOFIE01' },
  }),
  person({
    id: 'p-joerg', name: 'Jörg Bäumer', email: mail('joerg.baeumer'), title: 'Key Account Manager',
    department: 'Sales', location: 'Berlin', country: 'DE', timezone: 'Europe/Berlin',
    languages: ['de', 'en'], chat: { teams: mail('joerg.baeumer') },
  }),
  person({
    id: 'p-soren', name: 'Søren Kjærgaard', email: mail('soeren.kjaergaard'), title: 'Account Director',
    department: 'Sales', location: 'Copenhagen', country: 'DK', timezone: 'Europe/Copenhagen',
    languages: ['da', 'en', 'de'], skills: ['t-s4'],
  }),
  person({
    id: 'p-asa', name: 'Åsa Nyström', email: mail('asa.nystrom'), title: 'Customer Success Manager',
    department: 'Customer Success', location: 'Stockholm', country: 'SE', timezone: 'Europe/Stockholm',
    languages: ['sv', 'en'], skills: ['t-gdpr'],
  }),
  person({
    id: 'p-zoe', name: 'Zoë van den Berg', email: mail('zoe.vandenberg'), title: 'Integration Engineer',
    department: 'Support', location: 'Amsterdam', country: 'NL', timezone: 'Europe/Amsterdam',
    languages: ['nl', 'en', 'de'], skills: ['t-edi', 't-wms'], chat: { slack: 'U0ZOE0001' },
  }),
  person({
    id: 'p-lars', name: 'Lars Møller', email: mail('lars.moller'), title: 'Support Engineer',
    department: 'Support', location: 'Copenhagen', country: 'DK', timezone: 'Europe/Copenhagen',
    languages: ['da', 'en'], skills: ['t-edi'], chat: { teams: mail('lars.moller') },
  }),
  person({
    id: 'p-oliver', name: 'Oliver Bennett', email: mail('oliver.bennett'), title: 'Account Executive',
    department: 'Sales', location: 'London', country: 'GB', timezone: 'Europe/London',
    languages: ['en'], skills: ['t-sso'],
  }),
  person({
    id: 'p-konstantin', name: 'Konstantin Adler', email: mail('konstantin.adler'), title: 'Managing Director',
    department: 'Management', location: 'Berlin', country: 'DE', timezone: 'Europe/Berlin',
    languages: ['de', 'en'], discoverable: false,
  }),
];

/** The system each kind of story evidence comes from, as connectors would record it. */
const STORY_SOURCE: Partial<Record<Interaction['kind'], string>> = {
  'deal-won': 'salesforce',
  'deal-lost': 'salesforce',
  'deal-open': 'salesforce',
  'account-owner': 'salesforce',
  'account-team': 'salesforce',
  'case-resolved': 'zendesk',
  'case-open': 'zendesk',
  meeting: 'microsoft365',
  email: 'microsoft365',
  call: 'phone',
};
const ix = (i: Interaction): Interaction => ({ source: STORY_SOURCE[i.kind] ?? 'profile', ...i });

const STORY_INTERACTIONS: Interaction[] = [
  // Nordlicht Logistik GmbH
  ix({ id: 'st-1', personId: 'p-sofie', accountId: 'a-nordlicht', topicIds: ['t-s4'], kind: 'deal-won', date: '2026-09-30', title: 'S/4HANA rollout, phase 2' }),
  ix({ id: 'st-2', personId: 'p-sofie', accountId: 'a-nordlicht', contactId: 'c-ahlers', topicIds: ['t-s4'], kind: 'meeting', date: '2026-08-12', count: 6, title: 'S/4HANA design workshops' }),
  ix({ id: 'st-3', personId: 'p-sofie', contactId: 'c-ahlers', kind: 'email', direction: 'both', date: '2026-10-02', count: 24 }),
  ix({ id: 'st-4', personId: 'p-joerg', accountId: 'a-nordlicht', kind: 'account-owner', date: '2021-03-01' }),
  ix({ id: 'st-5', personId: 'p-joerg', accountId: 'a-nordlicht', kind: 'deal-won', date: '2023-03-15', title: 'Transport management licences' }),
  ix({ id: 'st-6', personId: 'p-joerg', accountId: 'a-nordlicht', contactId: 'c-krause', kind: 'meeting', date: '2025-11-20', count: 2 }),
  ix({ id: 'st-7', personId: 'p-soren', accountId: 'a-nordlicht', topicIds: ['t-s4'], kind: 'deal-won', date: '2022-06-01', title: 'S/4HANA assessment' }),
  ix({ id: 'st-8', personId: 'p-konstantin', accountId: 'a-nordlicht', kind: 'deal-won', date: '2026-10-20', count: 3, title: 'Framework agreement' }),
  ix({ id: 'st-9', personId: 'p-konstantin', accountId: 'a-nordlicht', kind: 'meeting', date: '2026-10-21', count: 12 }),
  ix({ id: 'st-10', personId: 'p-soren', topicIds: ['t-s4'], kind: 'case-resolved', date: '2026-05-10', count: 5, title: 'S/4HANA migration cases' }),
  // Havbryggen Shipping A/S + EDI
  ix({ id: 'st-20', personId: 'p-lars', accountId: 'a-havbryggen', contactId: 'c-hansen', kind: 'meeting', date: '2026-09-15', count: 5 }),
  ix({ id: 'st-21', personId: 'p-lars', accountId: 'a-havbryggen', contactId: 'c-hansen', topicIds: ['t-edi'], kind: 'case-resolved', date: '2026-07-01', count: 3, title: 'EDI message mapping errors', url: 'https://kennerdemo.zendesk.com/agent/tickets/47311' }),
  ix({ id: 'st-22', personId: 'p-soren', accountId: 'a-havbryggen', kind: 'account-owner', date: '2024-01-01' }),
  ix({ id: 'st-23', personId: 'p-zoe', topicIds: ['t-edi'], kind: 'case-resolved', date: '2026-06-01', count: 6, title: 'EDI onboarding' }),
  ix({ id: 'st-24', personId: 'p-zoe', topicIds: ['t-edi'], kind: 'endorsement', date: '2025-04-01', count: 3 }),
  // Van Dijk Installatietechniek B.V.
  ix({ id: 'st-30', personId: 'p-zoe', accountId: 'a-vandijk', kind: 'account-owner', date: '2023-02-01' }),
  ix({ id: 'st-31', personId: 'p-zoe', accountId: 'a-vandijk', contactId: 'c-devries', topicIds: ['t-wms'], kind: 'deal-won', date: '2026-04-18', title: 'Magazijnbeheer rollout' }),
  ix({ id: 'st-32', personId: 'p-joerg', accountId: 'a-vandijk', kind: 'call', direction: 'both', date: '2025-02-11', count: 3 }),
  // Solvik Energi AB
  ix({ id: 'st-40', personId: 'p-asa', accountId: 'a-solvik', kind: 'account-owner', date: '2022-09-01' }),
  ix({ id: 'st-41', personId: 'p-asa', accountId: 'a-solvik', contactId: 'c-lindberg', topicIds: ['t-gdpr'], kind: 'meeting', date: '2026-10-05', count: 4 }),
  ix({ id: 'st-42', personId: 'p-sofie', accountId: 'a-solvik', kind: 'deal-lost', date: '2024-05-20' }),
  // Brightwater Retail plc
  ix({ id: 'st-50', personId: 'p-oliver', accountId: 'a-brightwater', kind: 'account-owner', date: '2020-06-01' }),
  ix({ id: 'st-51', personId: 'p-oliver', accountId: 'a-brightwater', contactId: 'c-patel', topicIds: ['t-sso'], kind: 'case-resolved', date: '2026-03-03', count: 2 }),
  ix({ id: 'st-52', personId: 'p-lars', accountId: 'a-brightwater', topicIds: ['t-invoice'], kind: 'case-open', date: '2026-10-28' }),
  // Müller Präzisionstechnik AG
  ix({ id: 'st-60', personId: 'p-joerg', accountId: 'a-mueller', kind: 'account-owner', date: '2019-01-01' }),
  ix({ id: 'st-61', personId: 'p-sofie', accountId: 'a-mueller', contactId: 'c-weber', topicIds: ['t-s4', 't-wms'], kind: 'deal-open', date: '2026-10-10' }),
  ix({ id: 'st-62', personId: 'p-soren', accountId: 'a-mueller', contactId: 'c-weber', kind: 'email', direction: 'outbound', date: '2026-01-10', count: 8 }),
  // Anchor Ltd
  ix({ id: 'st-70', personId: 'p-oliver', accountId: 'a-anchor', kind: 'deal-won', date: '2025-12-01' }),
];

export const STORY: Graph = {
  people: STORY_PEOPLE,
  accounts: STORY_ACCOUNTS,
  contacts: STORY_CONTACTS,
  topics: STORY_TOPICS,
  interactions: STORY_INTERACTIONS,
};
