/** The transparency pack in English (transparency.design.md). Long texts live here, not in messages.json. */
import { factsOf, fieldTable, INTERACTION_KINDS_EXTERNAL, INTERACTION_KINDS_INTERNAL } from '../facts';
import type { Fmt, LanguageTemplates, TransparencyConfig } from '../types';

const RECORD = { person: 'Colleague', account: 'Customer (account)', contact: 'Customer contact', topic: 'Topic', interaction: 'Interaction' };
const who = (c: TransparencyConfig) => c.controller ?? 'The company';
const sources = (c: TransparencyConfig, f: Fmt) => (c.sources.length ? c.sources.map((s) => `- ${s.name} (${f.list(s.records.map((r) => RECORD[r]))})`).join('\n') : '- No source is configured yet.');
const days = (n: number | null, f: Fmt) => (n === null ? 'not kept' : n === 0 ? 'not kept at all' : `${f.number(n)} days`);
const lookBack = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.lookBackMonths === null ? 'Evidence loses weight with age (half after about 11 months) and is not cut off.' : `Interactions older than ${f.number(x.lookBackMonths)} months are not evaluated.`;
};
const evaluated = (c: TransparencyConfig) => {
  const x = factsOf(c);
  const ext = `Interactions with customers: ${INTERACTION_KINDS_EXTERNAL.map((k) => `\`${k}\``).join(', ')}.`;
  return x.internalEvidence
    ? `${ext} Also internal evidence: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')}, and skills colleagues list.`
    : `${ext} Only interactions with an external customer or customer contact count (works-council mode).`;
};
const header = (title: string, c: TransparencyConfig, f: Fmt) => `# ${title}\n\n${who(c)} · Kenner · ${f.date(c.generatedAt)}\n\n_Written from the configuration in force at that time (${c.deployment === 'service' ? 'company graph service' : 'browser extension'}). It changes when the configuration changes._\n`;
const wcLine = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.wc
    ? `Works-council mode is **on**: strength is shown as three words ("knows well", "has worked with", "has met"), never as a number; only relationships with external people count; nobody sees another person's lookups; any aggregate is shown only for groups of at least ${f.number(x.minGroup)} people; colleagues are shown ${x.optIn ? 'only once they have opted in' : 'unless they opt out'}.`
    : 'Works-council mode is **off**: strength is shown as a number from 0 to 100; internal evidence counts too; colleagues are shown unless they are marked not discoverable.';
};
const access = (c: TransparencyConfig, f: Fmt) =>
  [
    '- The person asking sees the suggested colleagues for the customer or topic in front of them, with the reasons.',
    '- Each colleague can see what Kenner shows about them ("What Kenner shows about me") and how often they were suggested, as counts per month, never who asked.',
    c.access.auditors !== undefined ? `- ${f.number(c.access.auditors)} auditor(s) (the data-protection officer) may export the audit log${factsOf(c).wc ? ', without any per-person field' : ''}.` : '',
    c.access.admins !== undefined ? `- ${f.number(c.access.admins)} administrator(s) may import the graph.` : '',
    c.access.restrictedBy ? `- Colleagues in closed groups (by ${c.access.restrictedBy}) are shown only within their group.` : '',
    c.access.userImport === false ? '- Users may not import graph files of their own.' : '',
  ]
    .filter(Boolean)
    .join('\n');

export const en: LanguageTemplates = {
  titles: {
    processing: 'Description of the processing',
    notice: 'Information for employees (GDPR art. 13 and 14)',
    dpia: 'Inputs for a data-protection impact assessment',
    annex: 'Works-agreement annex: what is and is not evaluated',
    'dk-notice': 'Notice to employees (Denmark, six weeks in advance)',
    review: 'Yearly review',
  },
  processing: (c, f) => `${header(en.titles.processing, c, f)}
## Purpose
Kenner suggests, to a colleague working on a customer or a topic, which colleagues already know that customer or topic, so that they can ask them. It is a suggestion to the person asking: no routing, no assignment, no scores about people anywhere else.

## Sources
${sources(c, f)}

## Data read
${fieldTable(c, ['Record', 'Fields'], RECORD)}

## How it is evaluated
${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

## Retention
- Lookup log in the browser: ${days(factsOf(c).lookupLogDays, f)}.
- Audit entries of the company graph service: ${days(factsOf(c).auditDays, f)}.

## Who can see what
${access(c, f)}

## What never happens
Page text and addresses of pages never leave the browser; matching is local. Only entity ids and the user's own search text reach a graph source.
`,
  notice: (c, f) => `${header(en.titles.notice, c, f)}
## Who is responsible
${who(c)} is the controller. Contact the data-protection officer with any question about this processing.

## What Kenner does with your data
When a colleague works on a customer or a topic, Kenner may suggest you as someone who knows it, with the reasons (for example "won 2 deals with this customer"). ${evaluated(c)} ${lookBack(c, f)}

## Legal basis
Legitimate interest (GDPR art. 6(1)(f)) in colleagues finding each other's experience${factsOf(c).wc ? ', under the works agreement' : ''}. ${factsOf(c).optIn ? 'You are suggested only once you have opted in.' : 'You may object at any time: "Don\'t suggest me" takes you out of every suggestion.'}

## Where the data comes from
${sources(c, f)}

## Your rights
You can see everything Kenner shows about you ("What Kenner shows about me"), hide yourself for a customer or topic, state what to ask you about, be away until a date, or not be suggested at all. You have the right of access, rectification, erasure, restriction and objection (GDPR art. 15–21), and may complain to a supervisory authority.

## How long
Lookups: ${days(factsOf(c).lookupLogDays, f)} in the browser; ${days(factsOf(c).auditDays, f)} in the service's audit.

${wcLine(c, f)}
`,
  dpia: (c, f) => `${header(en.titles.dpia, c, f)}
## Systematic description
${evaluated(c)} ${lookBack(c, f)}

## Data categories and subjects
Colleagues (employees) and customer contacts (business contact data).

${fieldTable(c, ['Record', 'Fields'], RECORD)}

## Sources
${sources(c, f)}

## Necessity and proportionality
- Only entity ids leave the browser; page text and addresses stay local.
- No scores about people outside the suggestion shown to the person asking.
- ${factsOf(c).wc ? `Works-council mode: bands instead of numbers, external relationships only, groups of at least ${f.number(factsOf(c).minGroup)} for aggregates.` : 'Works-council mode is off; consider turning it on where a works council has a say.'}

## Risks and measures
| Risk | Measure |
| --- | --- |
| Monitoring of behaviour or performance | ${factsOf(c).wc ? 'No numbers, no per-person lookups, no internal evidence' : 'Suggestions only; no reports per person'} |
| Disclosure of lookups | Lookup log kept ${days(factsOf(c).lookupLogDays, f)}; audit ${days(factsOf(c).auditDays, f)} |
| Colleague does not want to be suggested | ${factsOf(c).optIn ? 'Shown only after opt-in' : 'Opt-out at any time'} |

## Access
${access(c, f)}
`,
  annex: (c, f) => `${header(en.titles.annex, c, f)}
## Sources
${sources(c, f)}

## Evaluated
- ${evaluated(c)}
- Roles on customer accounts (owner, account team).
- ${lookBack(c, f)}

## Not evaluated
- Page text, e-mail bodies, addresses of pages.
- ${factsOf(c).internalEvidence ? 'Nothing else.' : `Internal-only evidence: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')}, listed skills.`}
- Working time, activity, speed or volume of work of any person.
- Who looked up what: ${factsOf(c).wc ? 'no view or export shows any person\'s lookups to anyone but that person' : 'the lookup log is the user\'s own'}.

## Shown
${factsOf(c).wc ? `Strength as three words, never a number. Aggregates only for groups of at least ${f.number(factsOf(c).minGroup)} people.` : 'Strength as a number from 0 to 100.'}

## Colleagues' choices
Colleagues are shown ${factsOf(c).optIn ? 'only once they have opted in' : 'unless they opt out'}; they can hide themselves per customer or topic and be away until a date.

## Retention
Lookup log: ${days(factsOf(c).lookupLogDays, f)}. Audit: ${days(factsOf(c).auditDays, f)}.
`,
  'dk-notice': (c, f) => `${header(en.titles['dk-notice'], c, f)}
To all employees,

From ${f.date(new Date(Date.parse(c.generatedAt) + 42 * 86_400_000).toISOString())}, at the earliest six weeks after this notice, ${who(c)} introduces Kenner, a tool that suggests colleagues who know a customer or topic.

${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

Sources:
${sources(c, f)}

Lookups are kept ${days(factsOf(c).lookupLogDays, f)} in the browser and ${days(factsOf(c).auditDays, f)} in the service's audit.

You can see what Kenner shows about you and choose not to be suggested. Questions go to your manager, the cooperation committee or the data-protection officer.
`,
  review: (c, f) => {
    const x = factsOf(c);
    const r = c.review;
    const counts = !r
      ? 'No counts are available for this period.'
      : x.reviewShown
        ? `| Count | Value |\n| --- | --- |\n| Lookups | ${f.number(r.lookups)} |\n| Colleagues who opted out | ${f.number(r.optOuts)} |\n| Sources | ${f.number(c.sources.length)} |`
        : `Fewer than ${f.number(x.minGroup)} people stand behind these counts: they are not shown.`;
    return `${header(en.titles.review, c, f)}
${r ? `Period: ${f.date(r.from)} – ${f.date(r.to)}.` : ''}

## Counts (no individual data)
${counts}

## Configuration
${wcLine(c, f)}

Retention: lookup log ${days(x.lookupLogDays, f)}, audit ${days(x.auditDays, f)}. ${lookBack(c, f)}
`;
  },
};
