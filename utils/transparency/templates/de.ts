/** Das Transparenzpaket auf Deutsch (transparency.design.md). Lange Texte stehen hier, nicht in messages.json. */
import { factsOf, fieldTable, INTERACTION_KINDS_EXTERNAL, INTERACTION_KINDS_INTERNAL } from '../facts';
import type { Fmt, LanguageTemplates, TransparencyConfig } from '../types';

const RECORD = { person: 'Kollege/Kollegin', account: 'Kunde (Account)', contact: 'Kundenkontakt', topic: 'Thema', interaction: 'Interaktion' };
const who = (c: TransparencyConfig) => c.controller ?? 'Das Unternehmen';
const sources = (c: TransparencyConfig, f: Fmt) => (c.sources.length ? c.sources.map((s) => `- ${s.name} (${f.list(s.records.map((r) => RECORD[r]))})`).join('\n') : '- Noch keine Quelle eingerichtet.');
const days = (n: number | null, f: Fmt) => (n === null ? 'nicht gespeichert' : n === 0 ? 'gar nicht gespeichert' : `${f.number(n)} Tage`);
const lookBack = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.lookBackMonths === null ? 'Belege verlieren mit dem Alter an Gewicht (nach etwa 11 Monaten die Hälfte) und werden nicht abgeschnitten.' : `Interaktionen, die älter als ${f.number(x.lookBackMonths)} Monate sind, werden nicht ausgewertet.`;
};
const evaluated = (c: TransparencyConfig) => {
  const x = factsOf(c);
  const ext = `Interaktionen mit Kunden: ${INTERACTION_KINDS_EXTERNAL.map((k) => `\`${k}\``).join(', ')}.`;
  return x.internalEvidence
    ? `${ext} Außerdem interne Belege: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')} sowie von Kollegen angegebene Fähigkeiten.`
    : `${ext} Es zählen nur Interaktionen mit einem externen Kunden oder Kundenkontakt (Betriebsratsmodus).`;
};
const header = (title: string, c: TransparencyConfig, f: Fmt) => `# ${title}\n\n${who(c)} · Kenner · ${f.date(c.generatedAt)}\n\n_Erstellt aus der zu diesem Zeitpunkt gültigen Konfiguration (${c.deployment === 'service' ? 'Firmengraph-Dienst' : 'Browsererweiterung'}). Es ändert sich, wenn sich die Konfiguration ändert._\n`;
const wcLine = (c: TransparencyConfig, f: Fmt) => {
  const x = factsOf(c);
  return x.wc
    ? `Der Betriebsratsmodus ist **ein**: Die Stärke wird in drei Worten gezeigt („kennt gut“, „hat zusammengearbeitet“, „ist begegnet“), nie als Zahl; nur Beziehungen zu externen Personen zählen; niemand sieht die Abfragen einer anderen Person; Summen werden nur für Gruppen von mindestens ${f.number(x.minGroup)} Personen gezeigt; Kollegen werden ${x.optIn ? 'erst nach ihrer Zustimmung gezeigt' : 'gezeigt, sofern sie nicht widersprechen'}.`
    : 'Der Betriebsratsmodus ist **aus**: Die Stärke wird als Zahl von 0 bis 100 gezeigt; interne Belege zählen mit; Kollegen werden gezeigt, sofern sie nicht als nicht auffindbar markiert sind.';
};
const access = (c: TransparencyConfig, f: Fmt) =>
  [
    '- Wer fragt, sieht die vorgeschlagenen Kollegen für den Kunden oder das Thema vor sich, mit den Gründen.',
    '- Jeder Kollege sieht, was Kenner über ihn zeigt („Was Kenner über mich zeigt“) und wie oft er vorgeschlagen wurde, als Anzahl je Monat, nie wer gefragt hat.',
    c.access.auditors !== undefined ? `- ${f.number(c.access.auditors)} Prüfer (die oder der Datenschutzbeauftragte) dürfen das Prüfprotokoll exportieren${factsOf(c).wc ? ', ohne personenbezogene Felder' : ''}.` : '',
    c.access.admins !== undefined ? `- ${f.number(c.access.admins)} Administratoren dürfen den Graphen importieren.` : '',
    c.access.restrictedBy ? `- Kollegen in geschlossenen Gruppen (nach ${c.access.restrictedBy}) werden nur innerhalb ihrer Gruppe gezeigt.` : '',
    c.access.userImport === false ? '- Nutzer dürfen keine eigenen Graphdateien importieren.' : '',
  ]
    .filter(Boolean)
    .join('\n');

export const de: LanguageTemplates = {
  titles: {
    processing: 'Beschreibung der Verarbeitung',
    notice: 'Information für Beschäftigte (Art. 13 und 14 DSGVO)',
    dpia: 'Angaben für eine Datenschutz-Folgenabschätzung',
    annex: 'Anlage zur Betriebsvereinbarung: was ausgewertet wird und was nicht',
    'dk-notice': 'Mitteilung an die Beschäftigten (Dänemark, sechs Wochen vorab)',
    review: 'Jährlicher Bericht',
  },
  processing: (c, f) => `${header(de.titles.processing, c, f)}
## Zweck
Kenner schlägt einer Kollegin oder einem Kollegen, die an einem Kunden oder Thema arbeiten, Kollegen vor, die diesen Kunden oder dieses Thema bereits kennen, damit sie sie fragen können. Es ist ein Vorschlag an die fragende Person: keine Zuweisung, keine Weiterleitung, keine Bewertungen von Personen an anderer Stelle.

## Quellen
${sources(c, f)}

## Gelesene Daten
${fieldTable(c, ['Datensatz', 'Felder'], RECORD)}

## Wie ausgewertet wird
${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

## Aufbewahrung
- Abfrageprotokoll im Browser: ${days(factsOf(c).lookupLogDays, f)}.
- Prüfprotokoll des Firmengraph-Dienstes: ${days(factsOf(c).auditDays, f)}.

## Wer was sehen kann
${access(c, f)}

## Was nie geschieht
Seitentext und Seitenadressen verlassen den Browser nie; der Abgleich geschieht lokal. Nur Kennungen und der eigene Suchtext der Nutzer erreichen eine Graphquelle.
`,
  notice: (c, f) => `${header(de.titles.notice, c, f)}
## Verantwortlich
${who(c)} ist Verantwortlicher. Wenden Sie sich mit Fragen zu dieser Verarbeitung an die oder den Datenschutzbeauftragten.

## Was Kenner mit Ihren Daten tut
Wenn eine Kollegin oder ein Kollege an einem Kunden oder Thema arbeitet, kann Kenner Sie als jemanden vorschlagen, der ihn kennt, mit den Gründen (zum Beispiel „hat 2 Abschlüsse mit diesem Kunden gewonnen“). ${evaluated(c)} ${lookBack(c, f)}

## Rechtsgrundlage
Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO) daran, dass Kollegen die Erfahrung anderer finden${factsOf(c).wc ? ', im Rahmen der Betriebsvereinbarung' : ''}. ${factsOf(c).optIn ? 'Sie werden erst vorgeschlagen, wenn Sie zugestimmt haben.' : 'Sie können jederzeit widersprechen: „Nicht vorschlagen“ nimmt Sie aus allen Vorschlägen.'}

## Woher die Daten stammen
${sources(c, f)}

## Ihre Rechte
Sie sehen alles, was Kenner über Sie zeigt („Was Kenner über mich zeigt“), können sich für einen Kunden oder ein Thema ausblenden, angeben, wozu man Sie fragen soll, bis zu einem Datum abwesend sein oder gar nicht vorgeschlagen werden. Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung und Widerspruch (Art. 15–21 DSGVO) und können sich bei einer Aufsichtsbehörde beschweren.

## Wie lange
Abfragen: ${days(factsOf(c).lookupLogDays, f)} im Browser; ${days(factsOf(c).auditDays, f)} im Prüfprotokoll des Dienstes.

${wcLine(c, f)}
`,
  dpia: (c, f) => `${header(de.titles.dpia, c, f)}
## Systematische Beschreibung
${evaluated(c)} ${lookBack(c, f)}

## Datenkategorien und betroffene Personen
Kollegen (Beschäftigte) und Kundenkontakte (geschäftliche Kontaktdaten).

${fieldTable(c, ['Datensatz', 'Felder'], RECORD)}

## Quellen
${sources(c, f)}

## Notwendigkeit und Verhältnismäßigkeit
- Nur Kennungen verlassen den Browser; Seitentext und Adressen bleiben lokal.
- Keine Bewertungen von Personen außer dem Vorschlag an die fragende Person.
- ${factsOf(c).wc ? `Betriebsratsmodus: Stufen statt Zahlen, nur externe Beziehungen, Summen nur für Gruppen ab ${f.number(factsOf(c).minGroup)} Personen.` : 'Der Betriebsratsmodus ist aus; wo ein Betriebsrat mitbestimmt, sollte er eingeschaltet werden.'}

## Risiken und Maßnahmen
| Risiko | Maßnahme |
| --- | --- |
| Überwachung von Verhalten oder Leistung | ${factsOf(c).wc ? 'Keine Zahlen, keine Abfragen je Person, keine internen Belege' : 'Nur Vorschläge; keine Berichte je Person'} |
| Offenlegung von Abfragen | Abfrageprotokoll ${days(factsOf(c).lookupLogDays, f)}; Prüfprotokoll ${days(factsOf(c).auditDays, f)} |
| Kollege möchte nicht vorgeschlagen werden | ${factsOf(c).optIn ? 'Nur nach Zustimmung gezeigt' : 'Widerspruch jederzeit'} |

## Zugriff
${access(c, f)}
`,
  annex: (c, f) => `${header(de.titles.annex, c, f)}
## Quellen
${sources(c, f)}

## Ausgewertet
- ${evaluated(c)}
- Rollen bei Kundenaccounts (Verantwortliche, Account-Team).
- ${lookBack(c, f)}

## Nicht ausgewertet
- Seitentext, E-Mail-Inhalte, Seitenadressen.
- ${factsOf(c).internalEvidence ? 'Sonst nichts.' : `Rein interne Belege: ${INTERACTION_KINDS_INTERNAL.map((k) => `\`${k}\``).join(', ')}, angegebene Fähigkeiten.`}
- Arbeitszeit, Aktivität, Geschwindigkeit oder Arbeitsmenge einer Person.
- Wer was nachgeschlagen hat: ${factsOf(c).wc ? 'keine Ansicht und kein Export zeigt die Abfragen einer Person jemand anderem als ihr selbst' : 'das Abfrageprotokoll gehört der jeweiligen Person'}.

## Gezeigt
${factsOf(c).wc ? `Stärke in drei Worten, nie als Zahl. Summen nur für Gruppen von mindestens ${f.number(factsOf(c).minGroup)} Personen.` : 'Stärke als Zahl von 0 bis 100.'}

## Entscheidungen der Kollegen
Kollegen werden ${factsOf(c).optIn ? 'erst nach ihrer Zustimmung gezeigt' : 'gezeigt, sofern sie nicht widersprechen'}; sie können sich je Kunde oder Thema ausblenden und bis zu einem Datum abwesend sein.

## Aufbewahrung
Abfrageprotokoll: ${days(factsOf(c).lookupLogDays, f)}. Prüfprotokoll: ${days(factsOf(c).auditDays, f)}.
`,
  'dk-notice': (c, f) => `${header(de.titles['dk-notice'], c, f)}
An alle Beschäftigten,

ab dem ${f.date(new Date(Date.parse(c.generatedAt) + 42 * 86_400_000).toISOString())}, frühestens sechs Wochen nach dieser Mitteilung, führt ${who(c)} Kenner ein, ein Werkzeug, das Kollegen vorschlägt, die einen Kunden oder ein Thema kennen.

${evaluated(c)} ${lookBack(c, f)}

${wcLine(c, f)}

Quellen:
${sources(c, f)}

Abfragen werden ${days(factsOf(c).lookupLogDays, f)} im Browser und ${days(factsOf(c).auditDays, f)} im Prüfprotokoll des Dienstes aufbewahrt.

Sie können sehen, was Kenner über Sie zeigt, und wählen, nicht vorgeschlagen zu werden. Fragen richten Sie an Ihre Führungskraft, den Kooperationsausschuss oder die Datenschutzbeauftragten.
`,
  review: (c, f) => {
    const x = factsOf(c);
    const r = c.review;
    const counts = !r
      ? 'Für diesen Zeitraum liegen keine Zahlen vor.'
      : x.reviewShown
        ? `| Zahl | Wert |\n| --- | --- |\n| Abfragen | ${f.number(r.lookups)} |\n| Kollegen, die widersprochen haben | ${f.number(r.optOuts)} |\n| Quellen | ${f.number(c.sources.length)} |`
        : `Hinter diesen Zahlen stehen weniger als ${f.number(x.minGroup)} Personen: Sie werden nicht gezeigt.`;
    return `${header(de.titles.review, c, f)}
${r ? `Zeitraum: ${f.date(r.from)} – ${f.date(r.to)}.` : ''}

## Zahlen (keine Einzeldaten)
${counts}

## Konfiguration
${wcLine(c, f)}

Aufbewahrung: Abfrageprotokoll ${days(x.lookupLogDays, f)}, Prüfprotokoll ${days(x.auditDays, f)}. ${lookBack(c, f)}
`;
  },
};
