/** Het transparantiepakket in het Nederlands (transparency.design.md). Lange teksten staan hier, niet in messages.json. */
import { factsOf, fieldTable, INTERACTION_KINDS_EXTERNAL, INTERACTION_KINDS_INTERNAL } from '../facts';
import type { Fmt, LanguageTemplates, TransparencyConfig } from '../types';

const RECORD = { person: 'Collega', account: 'Klant (account)', contact: 'Klantcontact', topic: 'Onderwerp', interaction: 'Interactie' };
const who = (c: TransparencyConfig) => c.controller ?? 'Het bedrijf';
const sources = (c: TransparencyConfig, f: Fmt) => (c.sources.length ? c.sources.map((s) => `- ${s.name} (${f.list(s.records.map((r) => RECORD[r]))})`).join('\n') : '- Er is nog geen bron ingesteld.');
const days = (n: number | null, f: Fmt) => (n === null ? 'niet bewaard' : n === 0 ? 'helemaal niet bewaard' : `${f.number(n)} dagen`);
const lookBack = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.lookBackMonths === null ? 'Bewijs weegt minder naarmate het ouder is (na ongeveer 11 maanden de helft) en wordt niet afgekapt.' : `Interacties ouder dan ${f.number(x.lookBackMonths)} maanden worden niet meegewogen.`;
};
const evaluated = (c: TransparencyConfig) => {
  const x = factsOf(c);
  const ext = `Interacties met klanten: ${INTERACTION_KINDS_EXTERNAL.map((k) => `\`${k}\``).join(', ')}.`;
  return x.internalEvidence
    ? `${ext} Ook intern bewijs: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')}, en vaardigheden die collega's opgeven.`
    : `${ext} Alleen interacties met een externe klant of klantcontact tellen (ondernemingsraadmodus).`;
};
const header = (title: string, c: TransparencyConfig, f: Fmt) => `# ${title}\n\n${who(c)} · Kenner · ${f.date(c.generatedAt)}\n\n_Opgesteld uit de configuratie die op dat moment gold (${c.deployment === 'service' ? 'bedrijfsgrafdienst' : 'browserextensie'}). Het verandert wanneer de configuratie verandert._\n`;
const wcLine = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.wc
    ? `De ondernemingsraadmodus staat **aan**: sterkte wordt in drie woorden getoond ("kent goed", "heeft mee gewerkt", "heeft ontmoet"), nooit als getal; alleen relaties met externe personen tellen; niemand ziet de opzoekingen van een ander; totalen worden alleen getoond voor groepen van minstens ${f.number(x.minGroup)} personen; collega's worden ${x.optIn ? 'pas getoond nadat ze hebben ingestemd' : 'getoond tenzij ze bezwaar maken'}.`
    : "De ondernemingsraadmodus staat **uit**: sterkte wordt getoond als getal van 0 tot 100; intern bewijs telt mee; collega's worden getoond tenzij ze als niet vindbaar zijn gemarkeerd.";
};
const access = (c: TransparencyConfig, f: Fmt) =>
  [
    "- Wie iets vraagt, ziet de voorgestelde collega's voor de klant of het onderwerp waaraan hij werkt, met de redenen.",
    '- Elke collega ziet wat Kenner over hem toont ("Wat Kenner over mij toont") en hoe vaak hij werd voorgesteld, als aantallen per maand, nooit wie het vroeg.',
    c.access.auditors !== undefined ? `- ${f.number(c.access.auditors)} auditor(s) (de functionaris gegevensbescherming) mogen het auditlogboek exporteren${factsOf(c).wc ? ', zonder velden per persoon' : ''}.` : '',
    c.access.admins !== undefined ? `- ${f.number(c.access.admins)} beheerder(s) mogen de graaf importeren.` : '',
    c.access.restrictedBy ? `- Collega's in gesloten groepen (op ${c.access.restrictedBy}) worden alleen binnen hun groep getoond.` : '',
    c.access.userImport === false ? '- Gebruikers mogen geen eigen graafbestanden importeren.' : '',
  ]
    .filter(Boolean)
    .join('\n');

export const nl: LanguageTemplates = {
  titles: {
    processing: 'Beschrijving van de verwerking',
    notice: 'Informatie voor medewerkers (AVG art. 13 en 14)',
    dpia: 'Input voor een gegevensbeschermingseffectbeoordeling (DPIA)',
    annex: 'Bijlage bij de instemmingsaanvraag: wat wel en niet wordt meegewogen',
    'dk-notice': 'Mededeling aan medewerkers (Denemarken, zes weken vooraf)',
    review: 'Jaarlijkse evaluatie',
  },
  processing: (c, f) => `${header(nl.titles.processing, c, f)}
## Doel
Kenner stelt een collega die aan een klant of onderwerp werkt collega's voor die die klant of dat onderwerp al kennen, zodat hij ze kan vragen. Het is een suggestie aan wie vraagt: geen toewijzing, geen doorsturen, nergens anders scores over personen.

## Bronnen
${sources(c, f)}

## Gelezen gegevens
${fieldTable(c, ['Record', 'Velden'], RECORD)}

## Hoe het wordt meegewogen
${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

## Bewaartermijn
- Opzoeklogboek in de browser: ${days(factsOf(c).lookupLogDays, f)}.
- Auditlogboek van de bedrijfsgrafdienst: ${days(factsOf(c).auditDays, f)}.

## Wie wat kan zien
${access(c, f)}

## Wat nooit gebeurt
Paginatekst en paginaadressen verlaten de browser nooit; het vergelijken gebeurt lokaal. Alleen id's en de eigen zoektekst van de gebruiker bereiken een graafbron.
`,
  notice: (c, f) => `${header(nl.titles.notice, c, f)}
## Verwerkingsverantwoordelijke
${who(c)} is verwerkingsverantwoordelijke. Neem voor vragen over deze verwerking contact op met de functionaris gegevensbescherming.

## Wat Kenner met uw gegevens doet
Wanneer een collega aan een klant of onderwerp werkt, kan Kenner u voorstellen als iemand die het kent, met de redenen (bijvoorbeeld "won 2 deals met deze klant"). ${evaluated(c)} ${lookBack(c, f)}

## Grondslag
Gerechtvaardigd belang (AVG art. 6 lid 1 onder f) bij het vinden van elkaars ervaring${factsOf(c).wc ? ', met instemming van de ondernemingsraad' : ''}. ${factsOf(c).optIn ? 'U wordt pas voorgesteld nadat u hebt ingestemd.' : 'U kunt altijd bezwaar maken: "Stel mij niet voor" haalt u uit alle suggesties.'}

## Waar de gegevens vandaan komen
${sources(c, f)}

## Uw rechten
U ziet alles wat Kenner over u toont ("Wat Kenner over mij toont"), kunt uzelf verbergen voor een klant of onderwerp, aangeven waarover men u kan vragen, afwezig zijn tot een datum, of helemaal niet worden voorgesteld. U hebt recht op inzage, rectificatie, wissing, beperking en bezwaar (AVG art. 15–21) en kunt een klacht indienen bij de Autoriteit Persoonsgegevens.

## Hoe lang
Opzoekingen: ${days(factsOf(c).lookupLogDays, f)} in de browser; ${days(factsOf(c).auditDays, f)} in het auditlogboek van de dienst.

${wcLine(c, f)}
`,
  dpia: (c, f) => `${header(nl.titles.dpia, c, f)}
## Systematische beschrijving
${evaluated(c)} ${lookBack(c, f)}

## Categorieën gegevens en betrokkenen
Collega's (medewerkers) en klantcontacten (zakelijke contactgegevens).

${fieldTable(c, ['Record', 'Velden'], RECORD)}

## Bronnen
${sources(c, f)}

## Noodzaak en evenredigheid
- Alleen id's verlaten de browser; paginatekst en adressen blijven lokaal.
- Geen scores over personen buiten de suggestie aan wie vraagt.
- ${factsOf(c).wc ? `Ondernemingsraadmodus: niveaus in plaats van getallen, alleen externe relaties, totalen alleen voor groepen van minstens ${f.number(factsOf(c).minGroup)}.` : 'De ondernemingsraadmodus staat uit; zet hem aan waar een ondernemingsraad instemmingsrecht heeft.'}

## Risico's en maatregelen
| Risico | Maatregel |
| --- | --- |
| Volgen van gedrag of prestaties | ${factsOf(c).wc ? 'Geen getallen, geen opzoekingen per persoon, geen intern bewijs' : 'Alleen suggesties; geen rapporten per persoon'} |
| Openbaarmaking van opzoekingen | Opzoeklogboek ${days(factsOf(c).lookupLogDays, f)}; audit ${days(factsOf(c).auditDays, f)} |
| Collega wil niet worden voorgesteld | ${factsOf(c).optIn ? 'Alleen getoond na instemming' : 'Bezwaar op elk moment'} |

## Toegang
${access(c, f)}
`,
  annex: (c, f) => `${header(nl.titles.annex, c, f)}
## Bronnen
${sources(c, f)}

## Meegewogen
- ${evaluated(c)}
- Rollen bij klantaccounts (eigenaar, accountteam).
- ${lookBack(c, f)}

## Niet meegewogen
- Paginatekst, inhoud van e-mails, paginaadressen.
- ${factsOf(c).internalEvidence ? 'Verder niets.' : `Louter intern bewijs: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')}, opgegeven vaardigheden.`}
- Werktijd, activiteit, snelheid of hoeveelheid werk van wie dan ook.
- Wie wat opzocht: ${factsOf(c).wc ? 'geen weergave of export toont iemands opzoekingen aan een ander dan die persoon' : 'het opzoeklogboek is van de gebruiker zelf'}.

## Getoond
${factsOf(c).wc ? `Sterkte in drie woorden, nooit als getal. Totalen alleen voor groepen van minstens ${f.number(factsOf(c).minGroup)} personen.` : 'Sterkte als getal van 0 tot 100.'}

## Keuzes van collega's
Collega's worden ${factsOf(c).optIn ? 'pas getoond nadat ze hebben ingestemd' : 'getoond tenzij ze bezwaar maken'}; ze kunnen zich per klant of onderwerp verbergen en afwezig zijn tot een datum.

## Bewaartermijn
Opzoeklogboek: ${days(factsOf(c).lookupLogDays, f)}. Audit: ${days(factsOf(c).auditDays, f)}.
`,
  'dk-notice': (c, f) => `${header(nl.titles['dk-notice'], c, f)}
Aan alle medewerkers,

Vanaf ${f.date(new Date(Date.parse(c.generatedAt) + 42 * 86_400_000).toISOString())}, op zijn vroegst zes weken na deze mededeling, voert ${who(c)} Kenner in, een hulpmiddel dat collega's voorstelt die een klant of onderwerp kennen.

${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

Bronnen:
${sources(c, f)}

Opzoekingen worden ${days(factsOf(c).lookupLogDays, f)} in de browser en ${days(factsOf(c).auditDays, f)} in het auditlogboek van de dienst bewaard.

U kunt zien wat Kenner over u toont en kiezen om niet te worden voorgesteld. Vragen kunt u stellen aan uw leidinggevende, het samenwerkingscomité of de functionaris gegevensbescherming.
`,
  review: (c, f) => {
    const x = factsOf(c);
    const r = c.review;
    const counts = !r
      ? 'Voor deze periode zijn geen aantallen beschikbaar.'
      : x.reviewShown
        ? `| Aantal | Waarde |\n| --- | --- |\n| Opzoekingen | ${f.number(r.lookups)} |\n| Collega's die bezwaar maakten | ${f.number(r.optOuts)} |\n| Bronnen | ${f.number(c.sources.length)} |`
        : `Achter deze aantallen staan minder dan ${f.number(x.minGroup)} personen: ze worden niet getoond.`;
    return `${header(nl.titles.review, c, f)}
${r ? `Periode: ${f.date(r.from)} – ${f.date(r.to)}.` : ''}

## Aantallen (geen individuele gegevens)
${counts}

## Configuratie
${wcLine(c, f)}

Bewaartermijn: opzoeklogboek ${days(x.lookupLogDays, f)}, audit ${days(x.auditDays, f)}. ${lookBack(c, f)}
`;
  },
};
