/** Transparenspaketet på svenska (transparency.design.md). Långa texter finns här, inte i messages.json. */
import { factsOf, fieldTable, INTERACTION_KINDS_EXTERNAL, INTERACTION_KINDS_INTERNAL } from '../facts';
import type { Fmt, LanguageTemplates, TransparencyConfig } from '../types';

const RECORD = { person: 'Kollega', account: 'Kund (konto)', contact: 'Kundkontakt', topic: 'Ämne', interaction: 'Interaktion' };
const who = (c: TransparencyConfig) => c.controller ?? 'Företaget';
const sources = (c: TransparencyConfig, f: Fmt) => (c.sources.length ? c.sources.map((s) => `- ${s.name} (${f.list(s.records.map((r) => RECORD[r]))})`).join('\n') : '- Ingen källa är inställd ännu.');
const days = (n: number | null, f: Fmt) => (n === null ? 'sparas inte' : n === 0 ? 'sparas inte alls' : `${f.number(n)} dagar`);
const lookBack = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.lookBackMonths === null ? 'Belägg väger mindre ju äldre de är (hälften efter ungefär 11 månader) och klipps inte av.' : `Interaktioner som är äldre än ${f.number(x.lookBackMonths)} månader räknas inte.`;
};
const evaluated = (c: TransparencyConfig) => {
  const x = factsOf(c);
  const ext = `Interaktioner med kunder: ${INTERACTION_KINDS_EXTERNAL.map((k) => `\`${k}\``).join(', ')}.`;
  return x.internalEvidence
    ? `${ext} Även interna belägg: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')} samt kompetenser som kolleger själva anger.`
    : `${ext} Endast interaktioner med en extern kund eller kundkontakt räknas (läge för facklig samverkan).`;
};
const header = (title: string, c: TransparencyConfig, f: Fmt) => `# ${title}\n\n${who(c)} · Kenner · ${f.date(c.generatedAt)}\n\n_Skrivet utifrån den konfiguration som gällde vid den tidpunkten (${c.deployment === 'service' ? 'företagets graftjänst' : 'webbläsartillägg'}). Det ändras när konfigurationen ändras._\n`;
const wcLine = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.wc
    ? `Läget för facklig samverkan är **på**: styrka visas med tre ord ("känner väl", "har arbetat med", "har träffat"), aldrig som siffra; endast relationer med externa personer räknas; ingen ser någon annans uppslag; summor visas bara för grupper om minst ${f.number(x.minGroup)} personer; kolleger visas ${x.optIn ? 'först när de har samtyckt' : 'om de inte avböjer'}.`
    : 'Läget för facklig samverkan är **av**: styrka visas som en siffra från 0 till 100; interna belägg räknas också; kolleger visas om de inte är markerade som inte sökbara.';
};
const access = (c: TransparencyConfig, f: Fmt) =>
  [
    '- Den som frågar ser de föreslagna kollegerna för den kund eller det ämne hen arbetar med, med skälen.',
    '- Varje kollega ser vad Kenner visar om hen ("Vad Kenner visar om mig") och hur ofta hen föreslogs, som antal per månad, aldrig vem som frågade.',
    c.access.auditors !== undefined ? `- ${f.number(c.access.auditors)} granskare (dataskyddsombudet) får exportera granskningsloggen${factsOf(c).wc ? ' utan fält per person' : ''}.` : '',
    c.access.admins !== undefined ? `- ${f.number(c.access.admins)} administratör(er) får importera grafen.` : '',
    c.access.restrictedBy ? `- Kolleger i slutna grupper (efter ${c.access.restrictedBy}) visas bara inom sin grupp.` : '',
    c.access.userImport === false ? '- Användare får inte importera egna graffiler.' : '',
  ]
    .filter(Boolean)
    .join('\n');

export const sv: LanguageTemplates = {
  titles: {
    processing: 'Beskrivning av behandlingen',
    notice: 'Information till anställda (GDPR art. 13 och 14)',
    dpia: 'Underlag för en konsekvensbedömning avseende dataskydd',
    annex: 'Bilaga till samverkansavtalet: vad som bedöms och inte',
    'dk-notice': 'Meddelande till anställda (Danmark, sex veckor i förväg)',
    review: 'Årlig genomgång',
  },
  processing: (c, f) => `${header(sv.titles.processing, c, f)}
## Syfte
Kenner föreslår för en kollega som arbetar med en kund eller ett ämne vilka kolleger som redan känner kunden eller ämnet, så att hen kan fråga dem. Det är ett förslag till den som frågar: ingen fördelning, ingen tilldelning, inga omdömen om personer någon annanstans.

## Källor
${sources(c, f)}

## Uppgifter som läses
${fieldTable(c, ['Post', 'Fält'], RECORD)}

## Hur det bedöms
${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

## Lagring
- Uppslagslogg i webbläsaren: ${days(factsOf(c).lookupLogDays, f)}.
- Granskningslogg i företagets graftjänst: ${days(factsOf(c).auditDays, f)}.

## Vem ser vad
${access(c, f)}

## Vad som aldrig händer
Sidtext och sidadresser lämnar aldrig webbläsaren; jämförelsen sker lokalt. Endast id:n och användarens egen söktext når en grafkälla.
`,
  notice: (c, f) => `${header(sv.titles.notice, c, f)}
## Personuppgiftsansvarig
${who(c)} är personuppgiftsansvarig. Kontakta dataskyddsombudet med frågor om denna behandling.

## Vad Kenner gör med dina uppgifter
När en kollega arbetar med en kund eller ett ämne kan Kenner föreslå dig som någon som känner det, med skälen (till exempel "vann 2 affärer med den här kunden"). ${evaluated(c)} ${lookBack(c, f)}

## Rättslig grund
Berättigat intresse (GDPR art. 6.1 f) av att kolleger hittar varandras erfarenhet${factsOf(c).wc ? ', enligt avtal med de fackliga företrädarna' : ''}. ${factsOf(c).optIn ? 'Du föreslås först när du har samtyckt.' : 'Du kan när som helst invända: "Föreslå inte mig" tar bort dig från alla förslag.'}

## Varifrån uppgifterna kommer
${sources(c, f)}

## Dina rättigheter
Du ser allt som Kenner visar om dig ("Vad Kenner visar om mig"), kan dölja dig för en kund eller ett ämne, ange vad man kan fråga dig om, vara borta till ett datum eller inte föreslås alls. Du har rätt till tillgång, rättelse, radering, begränsning och invändning (GDPR art. 15–21) och kan klaga hos Integritetsskyddsmyndigheten.

## Hur länge
Uppslag: ${days(factsOf(c).lookupLogDays, f)} i webbläsaren; ${days(factsOf(c).auditDays, f)} i tjänstens granskningslogg.

${wcLine(c, f)}
`,
  dpia: (c, f) => `${header(sv.titles.dpia, c, f)}
## Systematisk beskrivning
${evaluated(c)} ${lookBack(c, f)}

## Kategorier av uppgifter och registrerade
Kolleger (anställda) och kundkontakter (kontaktuppgifter i tjänsten).

${fieldTable(c, ['Post', 'Fält'], RECORD)}

## Källor
${sources(c, f)}

## Nödvändighet och proportionalitet
- Endast id:n lämnar webbläsaren; sidtext och adresser stannar lokalt.
- Inga omdömen om personer utöver förslaget till den som frågar.
- ${factsOf(c).wc ? `Läge för facklig samverkan: nivåer i stället för siffror, endast externa relationer, summor bara för grupper om minst ${f.number(factsOf(c).minGroup)}.` : 'Läget för facklig samverkan är av; slå på det där de anställda har medbestämmande.'}

## Risker och åtgärder
| Risk | Åtgärd |
| --- | --- |
| Övervakning av beteende eller prestation | ${factsOf(c).wc ? 'Inga siffror, inga uppslag per person, inga interna belägg' : 'Endast förslag; inga rapporter per person'} |
| Röjande av uppslag | Uppslagslogg ${days(factsOf(c).lookupLogDays, f)}; granskning ${days(factsOf(c).auditDays, f)} |
| Kollega vill inte föreslås | ${factsOf(c).optIn ? 'Visas endast efter samtycke' : 'Kan avböja när som helst'} |

## Åtkomst
${access(c, f)}
`,
  annex: (c, f) => `${header(sv.titles.annex, c, f)}
## Källor
${sources(c, f)}

## Bedöms
- ${evaluated(c)}
- Roller på kundkonton (ansvarig, kontoteam).
- ${lookBack(c, f)}

## Bedöms inte
- Sidtext, innehåll i e-post, sidadresser.
- ${factsOf(c).internalEvidence ? 'Inget annat.' : `Rent interna belägg: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')}, angivna kompetenser.`}
- Arbetstid, aktivitet, tempo eller arbetsmängd för någon person.
- Vem som slog upp vad: ${factsOf(c).wc ? 'ingen vy eller export visar en persons uppslag för någon annan än personen själv' : 'uppslagsloggen tillhör användaren själv'}.

## Visas
${factsOf(c).wc ? `Styrka med tre ord, aldrig som siffra. Summor bara för grupper om minst ${f.number(factsOf(c).minGroup)} personer.` : 'Styrka som en siffra från 0 till 100.'}

## Kollegernas val
Kolleger visas ${factsOf(c).optIn ? 'först när de har samtyckt' : 'om de inte avböjer'}; de kan dölja sig per kund eller ämne och vara borta till ett datum.

## Lagring
Uppslagslogg: ${days(factsOf(c).lookupLogDays, f)}. Granskning: ${days(factsOf(c).auditDays, f)}.
`,
  'dk-notice': (c, f) => `${header(sv.titles['dk-notice'], c, f)}
Till alla anställda

Från den ${f.date(new Date(Date.parse(c.generatedAt) + 42 * 86_400_000).toISOString())}, tidigast sex veckor efter detta meddelande, inför ${who(c)} Kenner, ett verktyg som föreslår kolleger som känner en kund eller ett ämne.

${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

Källor:
${sources(c, f)}

Uppslag sparas ${days(factsOf(c).lookupLogDays, f)} i webbläsaren och ${days(factsOf(c).auditDays, f)} i tjänstens granskningslogg.

Du kan se vad Kenner visar om dig och välja att inte föreslås. Frågor kan ställas till din chef, samarbetsutskottet eller dataskyddsombudet.
`,
  review: (c, f) => {
    const x = factsOf(c);
    const r = c.review;
    const counts = !r
      ? 'Det finns inga siffror för den här perioden.'
      : x.reviewShown
        ? `| Antal | Värde |\n| --- | --- |\n| Uppslag | ${f.number(r.lookups)} |\n| Kolleger som avböjt | ${f.number(r.optOuts)} |\n| Källor | ${f.number(c.sources.length)} |`
        : `Färre än ${f.number(x.minGroup)} personer står bakom dessa siffror: de visas inte.`;
    return `${header(sv.titles.review, c, f)}
${r ? `Period: ${f.date(r.from)} – ${f.date(r.to)}.` : ''}

## Siffror (inga individuella uppgifter)
${counts}

## Konfiguration
${wcLine(c, f)}

Lagring: uppslagslogg ${days(x.lookupLogDays, f)}, granskning ${days(x.auditDays, f)}. ${lookBack(c, f)}
`;
  },
};
