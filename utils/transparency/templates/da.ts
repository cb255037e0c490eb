/** Gennemsigtighedspakken på dansk (transparency.design.md). Lange tekster står her, ikke i messages.json. */
import { factsOf, fieldTable, INTERACTION_KINDS_EXTERNAL, INTERACTION_KINDS_INTERNAL } from '../facts';
import type { Fmt, LanguageTemplates, TransparencyConfig } from '../types';

const RECORD = { person: 'Kollega', account: 'Kunde (konto)', contact: 'Kundekontakt', topic: 'Emne', interaction: 'Interaktion' };
const who = (c: TransparencyConfig) => c.controller ?? 'Virksomheden';
const sources = (c: TransparencyConfig, f: Fmt) => (c.sources.length ? c.sources.map((s) => `- ${s.name} (${f.list(s.records.map((r) => RECORD[r]))})`).join('\n') : '- Der er endnu ingen kilde sat op.');
const days = (n: number | null, f: Fmt) => (n === null ? 'gemmes ikke' : n === 0 ? 'gemmes slet ikke' : `${f.number(n)} dage`);
const lookBack = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.lookBackMonths === null ? 'Dokumentation vejer mindre med alderen (det halve efter cirka 11 måneder) og skæres ikke af.' : `Interaktioner ældre end ${f.number(x.lookBackMonths)} måneder indgår ikke.`;
};
const evaluated = (c: TransparencyConfig) => {
  const x = factsOf(c);
  const ext = `Interaktioner med kunder: ${INTERACTION_KINDS_EXTERNAL.map((k) => `\`${k}\``).join(', ')}.`;
  return x.internalEvidence
    ? `${ext} Også intern dokumentation: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')} og kompetencer, som kolleger selv angiver.`
    : `${ext} Kun interaktioner med en ekstern kunde eller kundekontakt tæller (samarbejdsudvalgstilstand).`;
};
const header = (title: string, c: TransparencyConfig, f: Fmt) => `# ${title}\n\n${who(c)} · Kenner · ${f.date(c.generatedAt)}\n\n_Skrevet ud fra den konfiguration, der gjaldt på det tidspunkt (${c.deployment === 'service' ? 'virksomhedens graftjeneste' : 'browserudvidelse'}). Det ændrer sig, når konfigurationen ændrer sig._\n`;
const wcLine = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.wc
    ? `Samarbejdsudvalgstilstanden er **til**: styrke vises med tre ord ("kender godt", "har arbejdet med", "har mødt"), aldrig som tal; kun relationer til eksterne personer tæller; ingen ser andres opslag; summer vises kun for grupper på mindst ${f.number(x.minGroup)} personer; kolleger vises ${x.optIn ? 'først når de har tilvalgt det' : 'medmindre de fravælger det'}.`
    : 'Samarbejdsudvalgstilstanden er **fra**: styrke vises som et tal fra 0 til 100; intern dokumentation tæller med; kolleger vises, medmindre de er markeret som ikke synlige.';
};
const access = (c: TransparencyConfig, f: Fmt) =>
  [
    '- Den, der spørger, ser de foreslåede kolleger for den kunde eller det emne, de arbejder med, med begrundelserne.',
    '- Hver kollega kan se, hvad Kenner viser om dem ("Hvad Kenner viser om mig"), og hvor ofte de blev foreslået, som antal pr. måned, aldrig hvem der spurgte.',
    c.access.auditors !== undefined ? `- ${f.number(c.access.auditors)} revisor(er) (databeskyttelsesrådgiveren) må eksportere revisionsloggen${factsOf(c).wc ? ' uden felter pr. person' : ''}.` : '',
    c.access.admins !== undefined ? `- ${f.number(c.access.admins)} administrator(er) må importere grafen.` : '',
    c.access.restrictedBy ? `- Kolleger i lukkede grupper (efter ${c.access.restrictedBy}) vises kun i deres egen gruppe.` : '',
    c.access.userImport === false ? '- Brugere må ikke importere egne graffiler.' : '',
  ]
    .filter(Boolean)
    .join('\n');

export const da: LanguageTemplates = {
  titles: {
    processing: 'Beskrivelse af behandlingen',
    notice: 'Information til medarbejdere (GDPR art. 13 og 14)',
    dpia: 'Input til en konsekvensanalyse vedrørende databeskyttelse',
    annex: 'Bilag til samarbejdsaftalen: hvad der indgår, og hvad der ikke gør',
    'dk-notice': 'Meddelelse til medarbejderne (seks uger i forvejen)',
    review: 'Årlig gennemgang',
  },
  processing: (c, f) => `${header(da.titles.processing, c, f)}
## Formål
Kenner foreslår en kollega, der arbejder med en kunde eller et emne, hvilke kolleger der allerede kender kunden eller emnet, så de kan spørge dem. Det er et forslag til den, der spørger: ingen fordeling, ingen tildeling, ingen vurderinger af personer andre steder.

## Kilder
${sources(c, f)}

## Data, der læses
${fieldTable(c, ['Post', 'Felter'], RECORD)}

## Hvordan det indgår
${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

## Opbevaring
- Opslagslog i browseren: ${days(factsOf(c).lookupLogDays, f)}.
- Revisionslog i virksomhedens graftjeneste: ${days(factsOf(c).auditDays, f)}.

## Hvem kan se hvad
${access(c, f)}

## Hvad der aldrig sker
Sidetekst og sideadresser forlader aldrig browseren; sammenligningen sker lokalt. Kun id'er og brugerens egen søgetekst når en grafkilde.
`,
  notice: (c, f) => `${header(da.titles.notice, c, f)}
## Dataansvarlig
${who(c)} er dataansvarlig. Kontakt databeskyttelsesrådgiveren med spørgsmål om denne behandling.

## Hvad Kenner gør med dine data
Når en kollega arbejder med en kunde eller et emne, kan Kenner foreslå dig som en, der kender det, med begrundelserne (for eksempel "vandt 2 aftaler med denne kunde"). ${evaluated(c)} ${lookBack(c, f)}

## Retsgrundlag
Legitim interesse (GDPR art. 6, stk. 1, litra f) i, at kolleger kan finde hinandens erfaring${factsOf(c).wc ? ', efter aftale i samarbejdsudvalget' : ''}. ${factsOf(c).optIn ? 'Du bliver først foreslået, når du har tilvalgt det.' : 'Du kan altid gøre indsigelse: "Foreslå mig ikke" tager dig ud af alle forslag.'}

## Hvor data kommer fra
${sources(c, f)}

## Dine rettigheder
Du kan se alt, hvad Kenner viser om dig ("Hvad Kenner viser om mig"), skjule dig for en kunde eller et emne, angive hvad man kan spørge dig om, være fraværende til en dato eller slet ikke blive foreslået. Du har ret til indsigt, berigtigelse, sletning, begrænsning og indsigelse (GDPR art. 15–21) og kan klage til Datatilsynet.

## Hvor længe
Opslag: ${days(factsOf(c).lookupLogDays, f)} i browseren; ${days(factsOf(c).auditDays, f)} i tjenestens revisionslog.

${wcLine(c, f)}
`,
  dpia: (c, f) => `${header(da.titles.dpia, c, f)}
## Systematisk beskrivelse
${evaluated(c)} ${lookBack(c, f)}

## Datakategorier og registrerede
Kolleger (medarbejdere) og kundekontakter (forretningsmæssige kontaktdata).

${fieldTable(c, ['Post', 'Felter'], RECORD)}

## Kilder
${sources(c, f)}

## Nødvendighed og proportionalitet
- Kun id'er forlader browseren; sidetekst og adresser bliver lokalt.
- Ingen vurderinger af personer ud over forslaget til den, der spørger.
- ${factsOf(c).wc ? `Samarbejdsudvalgstilstand: trin i stedet for tal, kun eksterne relationer, summer kun for grupper på mindst ${f.number(factsOf(c).minGroup)}.` : 'Samarbejdsudvalgstilstanden er fra; slå den til, hvor medarbejderne har medbestemmelse.'}

## Risici og foranstaltninger
| Risiko | Foranstaltning |
| --- | --- |
| Overvågning af adfærd eller præstation | ${factsOf(c).wc ? 'Ingen tal, ingen opslag pr. person, ingen intern dokumentation' : 'Kun forslag; ingen rapporter pr. person'} |
| Videregivelse af opslag | Opslagslog ${days(factsOf(c).lookupLogDays, f)}; revision ${days(factsOf(c).auditDays, f)} |
| Kollega ønsker ikke at blive foreslået | ${factsOf(c).optIn ? 'Vises kun efter tilvalg' : 'Fravalg når som helst'} |

## Adgang
${access(c, f)}
`,
  annex: (c, f) => `${header(da.titles.annex, c, f)}
## Kilder
${sources(c, f)}

## Indgår
- ${evaluated(c)}
- Roller på kundekonti (ansvarlig, kontoteam).
- ${lookBack(c, f)}

## Indgår ikke
- Sidetekst, indhold af e-mails, sideadresser.
- ${factsOf(c).internalEvidence ? 'Intet andet.' : `Rent intern dokumentation: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')}, angivne kompetencer.`}
- Arbejdstid, aktivitet, tempo eller arbejdsmængde for nogen person.
- Hvem der slog hvad op: ${factsOf(c).wc ? 'ingen visning eller eksport viser en persons opslag for andre end personen selv' : 'opslagsloggen tilhører brugeren selv'}.

## Vises
${factsOf(c).wc ? `Styrke med tre ord, aldrig som tal. Summer kun for grupper på mindst ${f.number(factsOf(c).minGroup)} personer.` : 'Styrke som et tal fra 0 til 100.'}

## Kollegernes valg
Kolleger vises ${factsOf(c).optIn ? 'først når de har tilvalgt det' : 'medmindre de fravælger det'}; de kan skjule sig pr. kunde eller emne og være fraværende til en dato.

## Opbevaring
Opslagslog: ${days(factsOf(c).lookupLogDays, f)}. Revision: ${days(factsOf(c).auditDays, f)}.
`,
  'dk-notice': (c, f) => `${header(da.titles['dk-notice'], c, f)}
Til alle medarbejdere

Fra den ${f.date(new Date(Date.parse(c.generatedAt) + 42 * 86_400_000).toISOString())}, tidligst seks uger efter denne meddelelse, indfører ${who(c)} Kenner, et værktøj, der foreslår kolleger, som kender en kunde eller et emne. Meddelelsen gives med seks ugers varsel i overensstemmelse med samarbejdsaftalen.

${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

Kilder:
${sources(c, f)}

Opslag gemmes ${days(factsOf(c).lookupLogDays, f)} i browseren og ${days(factsOf(c).auditDays, f)} i tjenestens revisionslog.

Du kan se, hvad Kenner viser om dig, og vælge ikke at blive foreslået. Spørgsmål kan rettes til din leder, samarbejdsudvalget eller databeskyttelsesrådgiveren.
`,
  review: (c, f) => {
    const x = factsOf(c);
    const r = c.review;
    const counts = !r
      ? 'Der er ingen tal for denne periode.'
      : x.reviewShown
        ? `| Tal | Værdi |\n| --- | --- |\n| Opslag | ${f.number(r.lookups)} |\n| Kolleger, der har fravalgt | ${f.number(r.optOuts)} |\n| Kilder | ${f.number(c.sources.length)} |`
        : `Færre end ${f.number(x.minGroup)} personer står bag disse tal: de vises ikke.`;
    return `${header(da.titles.review, c, f)}
${r ? `Periode: ${f.date(r.from)} – ${f.date(r.to)}.` : ''}

## Tal (ingen individuelle data)
${counts}

## Konfiguration
${wcLine(c, f)}

Opbevaring: opslagslog ${days(x.lookupLogDays, f)}, revision ${days(x.auditDays, f)}. ${lookBack(c, f)}
`;
  },
};
