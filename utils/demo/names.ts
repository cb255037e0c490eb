/**
 * Name material for the demo generator: given names and family names per
 * locale (with their diacritics), job titles, and the parts from which
 * invented customer names are built. All company names are combinations of
 * invented stems; none is meant to be a real firm.
 */

export type NameLocale = 'de' | 'nl' | 'da' | 'no' | 'sv' | 'fi' | 'en' | 'us' | 'fr' | 'sg';

export interface LocaleNames {
  given: string[];
  family: string[];
  /** Dutch/German particles that go before the family name. */
  particles?: string[];
}

export const NAMES: Record<NameLocale, LocaleNames> = {
  de: {
    given: ['Jörg', 'Jürgen', 'Günter', 'Björn', 'Uwe', 'Matthias', 'Stefan', 'Tobias', 'Florian', 'Maximilian', 'Lukas', 'Felix', 'Moritz', 'Dirk', 'Ralf', 'Sören', 'Thorsten', 'Andreas', 'Katrin', 'Jördis', 'Sabine', 'Ulrike', 'Kerstin', 'Mareike', 'Lea', 'Hannah', 'Jana', 'Lena', 'Britta', 'Antje', 'Gesine', 'Dörte', 'Käthe', 'Anke', 'Friederike', 'Nele', 'Till', 'Jannik', 'Ole', 'Malte'],
    family: ['Schäfer', 'Müller-Lüdenscheidt', 'Köhler', 'Bäcker', 'Grün', 'Hoffmann', 'Schröder', 'Krüger', 'Jäger', 'Böhm', 'Wöhler', 'Fröhlich', 'Vogel', 'Brandt', 'Hartmann', 'Lange', 'Zimmermann', 'Schulze', 'Kühn', 'Förster', 'Lößner', 'Haußmann', 'Dreßler', 'Engel', 'Seidel', 'Winkler', 'Ostermann', 'Thiele', 'Peters', 'Rühl', 'Stöckl', 'Meißner', 'Baumgärtner', 'Götz', 'Lindemann', 'Wegener'],
  },
  nl: {
    given: ['Zoë', 'Daan', 'Sem', 'Bram', 'Jeroen', 'Joost', 'Maarten', 'Niels', 'Ruud', 'Sjoerd', 'Thijs', 'Wouter', 'Annelies', 'Femke', 'Ilse', 'Lotte', 'Marieke', 'Noor', 'Roos', 'Saskia', 'Sanne', 'Floor', 'Anouk', 'Eline', 'Loïs', 'Geertje', 'Pieter', 'Koen', 'Rutger', 'Gijs'],
    family: ['Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peeters', 'Hendriks', 'Dekker', 'Brouwer', 'Kok', 'Dijkstra', 'Kuipers', 'Huisman', 'Postma', 'Hoekstra', 'Smeets', 'Schouten', 'Verhoeven', 'Koster', 'Prins', 'Groen', 'Sluijter', 'Jonker'],
    particles: ['van', 'de', 'van der', 'van den', 'ter', "van 't"],
  },
  da: {
    given: ['Søren', 'Jørgen', 'Bjørn', 'Kåre', 'Rasmus', 'Mads', 'Mikkel', 'Anders', 'Frederik', 'Jesper', 'Henrik', 'Kasper', 'Troels', 'Ulrik', 'Mette', 'Sørine', 'Birgitte', 'Signe', 'Ida', 'Freja', 'Line', 'Karen', 'Maja', 'Trine', 'Astrid', 'Ditte', 'Pernille'],
    family: ['Nielsen', 'Jensen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Østergaard', 'Bæk', 'Lykkegård', 'Kjær', 'Dahl', 'Holm', 'Skovgaard', 'Bjerre', 'Damgaard', 'Løvgren', 'Mørch'],
  },
  no: {
    given: ['Øystein', 'Ørjan', 'Håkon', 'Sindre', 'Eirik', 'Torbjørn', 'Vegard', 'Solveig', 'Ingrid', 'Ragnhild', 'Tuva', 'Sigrid', 'Åshild', 'Marte'],
    family: ['Hansen', 'Johansen', 'Berg', 'Haugen', 'Hagen', 'Bakke', 'Solberg', 'Strand', 'Ødegård', 'Sæther', 'Rønning', 'Aas', 'Fjeld', 'Nygård'],
  },
  sv: {
    given: ['Åsa', 'Björn', 'Göran', 'Måns', 'Örjan', 'Sven', 'Johan', 'Mattias', 'Fredrik', 'Oskar', 'Gustav', 'Linnéa', 'Ebba', 'Maja', 'Elin', 'Karin', 'Märta', 'Ingela', 'Agneta', 'Lovisa', 'Sofia', 'Ylva', 'Kerstin', 'Stina', 'Anneli', 'Per', 'Nils', 'Olle', 'Tove', 'Hedvig'],
    family: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Lindström', 'Åberg', 'Öberg', 'Ekström', 'Sjöberg', 'Wallén', 'Bergqvist', 'Hägglund', 'Sandström', 'Löfgren', 'Holmén', 'Dahlgren', 'Nordin', 'Strömberg'],
  },
  fi: {
    given: ['Jyrki', 'Mikko', 'Pekka', 'Janne', 'Sanna', 'Päivi', 'Aino', 'Eero', 'Väinö', 'Tiina'],
    family: ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Järvinen', 'Lehtonen'],
  },
  en: {
    given: ['James', 'Oliver', 'Harry', 'George', 'Thomas', 'William', 'Samuel', 'Daniel', 'Alfie', 'Rhys', 'Callum', 'Emily', 'Charlotte', 'Amelia', 'Sophie', 'Zoë', 'Chloë', 'Niamh', 'Siobhán', 'Eleanor', 'Grace', 'Lucy', 'Hannah', 'Imogen', 'Ruth', 'Fiona'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Thompson', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', "O'Brien", 'Clarke', 'Turner', 'Hill', 'Cooper', 'Ward', 'Morgan', 'Price', 'Fletcher'],
  },
  us: {
    given: ['Michael', 'Jennifer', 'David', 'Ashley', 'Christopher', 'Jessica', 'Matthew', 'Brittany', 'Joshua', 'Amanda', 'Tyler', 'Megan', 'Brandon', 'Kayla', 'Jose', 'María', 'Andrés', 'Renée', 'DeShawn', 'Aaliyah', 'Kevin', 'Lauren', 'Ethan', 'Madison'],
    family: ['Johnson', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Martínez', 'Anderson', 'Jackson', 'White', 'Harris', 'Martin', 'Lee', 'Young', 'Allen', 'King', 'Scott', 'Nguyen', 'Ramírez', 'Campbell', 'Mitchell', 'Carter', 'Phillips'],
  },
  fr: {
    given: ['Maël', 'Chloé', 'Léa', 'Élodie', 'Hélène', 'Gaëlle', 'Noémie', 'Amélie', 'Céline', 'Jérôme', 'Sébastien', 'Frédéric', 'Rémi', 'Benoît', 'Loïc', 'Théo', 'Mathéo', 'François'],
    family: ['Lefèvre', 'Dubois', 'Moreau', 'Laurent', 'Girard', 'Bonnet', 'Rousseau', 'Mercier', 'Faure', 'Gauthier', 'Chevalier', 'Lemaître', 'Bérenger', 'Dupré', 'Ménard'],
  },
  sg: {
    given: ['Wei Ling', 'Jun Jie', 'Hui Min', 'Xin Yi', 'Zhi Hao', 'Siti', 'Nurul', 'Muhammad', 'Aisyah', 'Arjun', 'Priyanka', 'Rajesh', 'Kavitha', 'Darren', 'Shermaine', 'Marcus', 'Joycelyn', 'Farhan'],
    family: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Koh', 'Teo', 'Rahman', 'Ismail', 'Abdullah', 'Nair', 'Pillai', 'Menon', 'Krishnan', 'Sim'],
  },
};

/** ASCII form for e-mail local parts: Jörg → joerg, Søren → soeren, Åsa → asa. */
function asciiFold(s: string): string {
  return s
    .replace(/[Ää]/g, (c) => (c === 'Ä' ? 'Ae' : 'ae'))
    .replace(/[Öö]/g, (c) => (c === 'Ö' ? 'Oe' : 'oe'))
    .replace(/[Üü]/g, (c) => (c === 'Ü' ? 'Ue' : 'ue'))
    .replace(/ß/g, 'ss')
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'Oe' : 'oe'))
    .replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'Ae' : 'ae'))
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/** Lowercase a-z0-9 slug with a separator. */
export function slug(s: string, sep = '-'): string {
  return asciiFold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
}

export const DEPARTMENTS = [
  { name: 'Sales', weight: 22, active: 1.0, titles: ['Account Executive', 'Key Account Manager', 'Senior Account Executive', 'Sales Director', 'Business Development Manager', 'Inside Sales Representative'] },
  { name: 'Customer Success', weight: 10, active: 0.9, titles: ['Customer Success Manager', 'Senior Customer Success Manager', 'Renewals Manager', 'Head of Customer Success'] },
  { name: 'Support', weight: 16, active: 0.8, titles: ['Support Engineer', 'Senior Support Engineer', 'Technical Account Manager', 'Support Team Lead', 'Escalation Engineer'] },
  { name: 'Consulting', weight: 16, active: 0.8, titles: ['Consultant', 'Senior Consultant', 'Solution Architect', 'Senior Solution Architect', 'Project Manager', 'Engagement Manager'] },
  { name: 'Engineering', weight: 16, active: 0.25, titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'Site Reliability Engineer', 'QA Engineer'] },
  { name: 'Product', weight: 6, active: 0.35, titles: ['Product Manager', 'Senior Product Manager', 'Product Designer', 'UX Researcher'] },
  { name: 'Marketing', weight: 6, active: 0.2, titles: ['Marketing Manager', 'Content Marketing Manager', 'Field Marketing Manager', 'Partner Marketing Manager'] },
  { name: 'Finance', weight: 4, active: 0.1, titles: ['Financial Controller', 'Accounts Receivable Specialist', 'Billing Specialist', 'FP&A Analyst'] },
  { name: 'Legal', weight: 2, active: 0.15, titles: ['Legal Counsel', 'Contract Manager', 'Privacy Counsel'] },
  { name: 'People', weight: 2, active: 0.02, titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'] },
] as const;

export interface Office {
  city: string;
  country: string;
  timezone: string;
  languages: string[];
  share: number;
  locales: [NameLocale, number][];
}

export const OFFICES: Office[] = [
  { city: 'Amsterdam', country: 'NL', timezone: 'Europe/Amsterdam', languages: ['nl', 'en'], share: 20, locales: [['nl', 80], ['en', 8], ['fr', 6], ['de', 6]] },
  { city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin', languages: ['de', 'en'], share: 22, locales: [['de', 88], ['fr', 4], ['en', 4], ['fi', 4]] },
  { city: 'Copenhagen', country: 'DK', timezone: 'Europe/Copenhagen', languages: ['da', 'en'], share: 12, locales: [['da', 80], ['no', 14], ['sv', 6]] },
  { city: 'Stockholm', country: 'SE', timezone: 'Europe/Stockholm', languages: ['sv', 'en'], share: 12, locales: [['sv', 80], ['fi', 10], ['no', 10]] },
  { city: 'London', country: 'GB', timezone: 'Europe/London', languages: ['en'], share: 16, locales: [['en', 84], ['fr', 10], ['de', 6]] },
  { city: 'New York', country: 'US', timezone: 'America/New_York', languages: ['en'], share: 10, locales: [['us', 100]] },
  { city: 'Singapore', country: 'SG', timezone: 'Asia/Singapore', languages: ['en', 'zh'], share: 8, locales: [['sg', 100]] },
];

/** Customer countries: share of accounts, name locale, legal forms (with weights), TLD. */
export interface CustomerCountry {
  code: string;
  share: number;
  locale: NameLocale;
  forms: [string, number][];
  tld: string;
  /** Language of the industry words in company names. */
  lang: 'de' | 'nl' | 'da' | 'sv' | 'en' | 'fr' | 'fi' | 'no';
}

export const CUSTOMER_COUNTRIES: CustomerCountry[] = [
  { code: 'DE', share: 20, locale: 'de', lang: 'de', tld: 'de', forms: [['GmbH', 60], ['AG', 18], ['GmbH & Co. KG', 16], ['SE', 6]] },
  { code: 'AT', share: 3, locale: 'de', lang: 'de', tld: 'at', forms: [['GmbH', 75], ['AG', 25]] },
  { code: 'CH', share: 4, locale: 'de', lang: 'de', tld: 'ch', forms: [['AG', 60], ['GmbH', 30], ['S.A.', 10]] },
  { code: 'NL', share: 12, locale: 'nl', lang: 'nl', tld: 'nl', forms: [['B.V.', 85], ['N.V.', 15]] },
  { code: 'BE', share: 4, locale: 'nl', lang: 'nl', tld: 'be', forms: [['N.V.', 40], ['B.V.', 30], ['S.A.', 30]] },
  { code: 'DK', share: 8, locale: 'da', lang: 'da', tld: 'dk', forms: [['A/S', 65], ['ApS', 35]] },
  { code: 'NO', share: 4, locale: 'no', lang: 'no', tld: 'no', forms: [['AS', 85], ['ASA', 15]] },
  { code: 'SE', share: 10, locale: 'sv', lang: 'sv', tld: 'se', forms: [['AB', 100]] },
  { code: 'FI', share: 4, locale: 'fi', lang: 'fi', tld: 'fi', forms: [['Oy', 80], ['Oyj', 20]] },
  { code: 'GB', share: 13, locale: 'en', lang: 'en', tld: 'co.uk', forms: [['Ltd', 80], ['plc', 15], ['LLP', 5]] },
  { code: 'FR', share: 5, locale: 'fr', lang: 'fr', tld: 'fr', forms: [['S.A.', 45], ['SAS', 45], ['SARL', 10]] },
  { code: 'US', share: 9, locale: 'us', lang: 'en', tld: 'com', forms: [['Inc.', 55], ['LLC', 35], ['Corp.', 10]] },
  { code: 'SG', share: 4, locale: 'sg', lang: 'en', tld: 'com.sg', forms: [['Pte. Ltd.', 100]] },
];

/** Invented name stems per language (places, nature, made-up family names). */
export const STEMS: Record<CustomerCountry['lang'], string[]> = {
  de: ['Elbtal', 'Rheinauer', 'Sonnenfeld', 'Falkenried', 'Weidenbach', 'Kranichsee', 'Lindenhof', 'Ostwind', 'Tannreuth', 'Hohenbrück', 'Mühlberger', 'Grünauer', 'Steinkamp', 'Wiesental', 'Birkenhain', 'Auerbacher', 'Eichwald', 'Brückner', 'Hartwig', 'Kesselring', 'Rotmoor', 'Silberau', 'Fichtelgrund', 'Lerchenfeld', 'Haselbach', 'Schwanenteich', 'Buchholzer', 'Ammertaler', 'Isarwerk', 'Bodenseer', 'Kieferling', 'Wendelstein', 'Tegernau', 'Ahrtaler', 'Moselgrund', 'Spreewalder', 'Harzblick', 'Eifeltor', 'Neckarau', 'Dreiländer', 'Zugspitz', 'Sauerlander', 'Lahnfels', 'Förde', 'Altmühl', 'Westerwälder', 'Frankenhöhe'],
  nl: ['Zuiderveld', 'Lindenhoeve', 'Waterkant', 'Dijkmans', 'Polderhof', 'Heidebloem', 'Brugman', 'Vlietstra', 'Oosterwijk', 'Groenhorst', 'Duinzicht', 'Mosterdijk', 'Hoogland', 'Rietveldt', 'Kempenaar', 'Zeeuwse Kust', 'Veluwezoom', 'Amstelkade', 'Maaskant', 'Wadden', 'IJsselmonde', 'Schelde', 'Kaagmeer', 'Zandvoort Oost', 'Lekstroom', 'Betuwe', 'Gelderwaard', 'Peelrand', 'Utrechtse Heuvel', 'Vechtstreek', 'Drentse Aa'],
  da: ['Fjordvang', 'Skovly', 'Bøgely', 'Søndervig', 'Lyngholm', 'Havgaard', 'Klitmøller', 'Egeskov', 'Nordkyst', 'Strandvejs', 'Vesterhavs', 'Mølleå', 'Kattegat', 'Limfjords', 'Bakkegaard', 'Engholm', 'Rønnebær', 'Sundby', 'Kystlys', 'Ådal', 'Tangkær', 'Højmark', 'Lilleø', 'Grenaa Havn'],
  no: ['Fjellheim', 'Nordvik', 'Sjøgata', 'Bergly', 'Havørn', 'Lysefjord', 'Vestkyst', 'Trollheim', 'Granli', 'Fossen', 'Breivik', 'Kvitfjell'],
  sv: ['Björkvik', 'Ekudden', 'Granholm', 'Sjöviks', 'Älvdal', 'Norrskog', 'Lövstad', 'Fjällbacka Norr', 'Mälarö', 'Vänerns', 'Östersand', 'Tallbacken', 'Strömsholm', 'Bergslags', 'Hamnvik', 'Ängsö', 'Kustlinjen', 'Skogsbrynet', 'Bruksvik', 'Gårdsby', 'Dalälven', 'Höglands', 'Åkerby', 'Kronoberg Väst'],
  fi: ['Järvilinna', 'Koivula', 'Metsäranta', 'Saimaan', 'Pohjola Tekniikka', 'Revontuli', 'Kalliomäki', 'Vaahtera', 'Kuusiniemi', 'Lakeus'],
  en: ['Harrowgate', 'Kingsmere', 'Ashdown', 'Blackthorn', 'Wexford', 'Pennington', 'Thornbury', 'Redbrook', 'Westhaven', 'Oakridge', 'Silverbirch', 'Highmoor', 'Fenwick', 'Larkspur', 'Cobblestone', 'Brampton', 'Ravensworth', 'Stonebridge', 'Milford Haven', 'Granite Peak', 'Bluewell', 'Copperfield', 'Hollowell', 'Ambleside', 'Kestrel', 'Driftwood', 'Elmsworth', 'Foxley', 'Greystone', 'Heathcote', 'Ironbridge', 'Lockwood', 'Meadowbank', 'Pinecrest', 'Quarry Hill', 'Saltmarsh', 'Tidewater'],
  fr: ['Beaumarchais', 'Valmorel', 'Montreval', 'Bellerive', 'Sainte-Aurore', 'Rochebrune', 'Vauclair', 'Lavandière', 'Champlieu', 'Bois-Joli', 'Mirabeau Sud'],
};

/** Industry words per language, keyed by industry. */
export const INDUSTRIES: { industry: string; words: Record<CustomerCountry['lang'], string[]> }[] = [
  { industry: 'Logistics', words: { de: ['Spedition', 'Transporte', 'Logistik'], nl: ['Transport', 'Logistiek'], da: ['Transport', 'Fragt'], no: ['Transport', 'Frakt'], sv: ['Frakt', 'Transport'], fi: ['Kuljetus'], en: ['Freight', 'Haulage', 'Logistics'], fr: ['Transports', 'Logistique'] } },
  { industry: 'Manufacturing', words: { de: ['Maschinenbau', 'Präzisionsteile', 'Metallwerk', 'Feinmechanik'], nl: ['Machinebouw', 'Metaalwerken'], da: ['Maskinfabrik', 'Stålværk'], no: ['Mekaniske Verksted'], sv: ['Mekaniska', 'Verkstäder'], fi: ['Konepaja'], en: ['Engineering', 'Precision Works', 'Components'], fr: ['Mécanique', 'Industries'] } },
  { industry: 'Energy', words: { de: ['Energie', 'Stadtwerke', 'Solartechnik'], nl: ['Energie', 'Windkracht'], da: ['Energi', 'Vindkraft'], no: ['Kraft', 'Energi'], sv: ['Energi', 'Kraft'], fi: ['Energia'], en: ['Energy', 'Power', 'Renewables'], fr: ['Énergie'] } },
  { industry: 'Retail', words: { de: ['Handel', 'Warenhaus'], nl: ['Retail', 'Winkels'], da: ['Handel', 'Butikker'], no: ['Handel'], sv: ['Handel', 'Varuhus'], fi: ['Kauppa'], en: ['Retail', 'Stores', 'Trading'], fr: ['Distribution', 'Commerce'] } },
  { industry: 'Construction', words: { de: ['Bau', 'Bauunternehmung', 'Haustechnik'], nl: ['Bouw', 'Installatietechniek', 'Aannemers'], da: ['Byg', 'Entreprise'], no: ['Bygg', 'Entreprenør'], sv: ['Bygg', 'Entreprenad'], fi: ['Rakennus'], en: ['Construction', 'Builders'], fr: ['Construction', 'Bâtiment'] } },
  { industry: 'Insurance', words: { de: ['Versicherung', 'Assekuranz'], nl: ['Verzekeringen'], da: ['Forsikring'], no: ['Forsikring'], sv: ['Försäkring'], fi: ['Vakuutus'], en: ['Insurance', 'Assurance', 'Mutual'], fr: ['Assurances'] } },
  { industry: 'Banking', words: { de: ['Privatbank', 'Kreditbank'], nl: ['Bank', 'Spaarbank'], da: ['Bank', 'Sparekasse'], no: ['Sparebank'], sv: ['Sparbank'], fi: ['Pankki'], en: ['Bank', 'Capital', 'Finance'], fr: ['Banque', 'Finance'] } },
  { industry: 'Healthcare', words: { de: ['Medizintechnik', 'Kliniken', 'Pharma'], nl: ['Zorg', 'Medisch'], da: ['Medico', 'Sundhed'], no: ['Helse'], sv: ['Medicinteknik', 'Vård'], fi: ['Terveys'], en: ['Healthcare', 'Medical', 'Life Sciences'], fr: ['Santé', 'Pharma'] } },
  { industry: 'Food & Beverage', words: { de: ['Lebensmittel', 'Brauerei', 'Molkerei'], nl: ['Voeding', 'Zuivel', 'Brouwerij'], da: ['Fødevarer', 'Mejeri', 'Bryggeri'], no: ['Mat', 'Bryggeri'], sv: ['Livsmedel', 'Bryggeri', 'Mejeri'], fi: ['Elintarvike'], en: ['Foods', 'Brewery', 'Dairies'], fr: ['Alimentaire', 'Brasserie', 'Laiterie'] } },
  { industry: 'Software', words: { de: ['Software', 'Informatik', 'Systemhaus'], nl: ['Software', 'ICT'], da: ['Software', 'Data'], no: ['Data'], sv: ['Data', 'Systemutveckling'], fi: ['Ohjelmistot'], en: ['Software', 'Digital', 'Systems'], fr: ['Informatique', 'Numérique'] } },
  { industry: 'Chemicals', words: { de: ['Chemie', 'Kunststoffe'], nl: ['Chemie', 'Kunststoffen'], da: ['Kemi'], no: ['Kjemi'], sv: ['Kemi'], fi: ['Kemia'], en: ['Chemicals', 'Polymers'], fr: ['Chimie'] } },
  { industry: 'Automotive', words: { de: ['Fahrzeugtechnik', 'Autoteile'], nl: ['Automotive', 'Carrosserie'], da: ['Autodele'], no: ['Bildeler'], sv: ['Fordon'], fi: ['Autotekniikka'], en: ['Automotive', 'Motors'], fr: ['Automobiles'] } },
  { industry: 'Shipping', words: { de: ['Reederei', 'Schifffahrt'], nl: ['Scheepvaart', 'Rederij'], da: ['Rederi', 'Shipping'], no: ['Rederi', 'Shipping'], sv: ['Rederi', 'Sjöfart'], fi: ['Varustamo'], en: ['Shipping', 'Maritime'], fr: ['Maritime'] } },
  { industry: 'Public Sector', words: { de: ['Zweckverband', 'Versorgungsbetriebe'], nl: ['Waterschap Diensten', 'Nutsbedrijf'], da: ['Forsyning'], no: ['Forsyning'], sv: ['Vatten', 'Kommunalteknik'], fi: ['Vesihuolto'], en: ['Utilities', 'Water'], fr: ['Services Publics'] } },
  { industry: 'Professional Services', words: { de: ['Beratung', 'Treuhand'], nl: ['Advies', 'Accountants'], da: ['Rådgivning', 'Revision'], no: ['Rådgivning'], sv: ['Konsult', 'Revision'], fi: ['Konsultointi'], en: ['Consulting', 'Partners', 'Advisory'], fr: ['Conseil', 'Audit'] } },
  { industry: 'Telecommunications', words: { de: ['Telekom', 'Netze'], nl: ['Telecom', 'Netwerken'], da: ['Tele', 'Net'], no: ['Tele'], sv: ['Tele', 'Nät'], fi: ['Tietoliikenne'], en: ['Telecom', 'Networks'], fr: ['Télécom', 'Réseaux'] } },
];

/** Extra words that make a second, distinct company name from the same stem and industry. */
export const QUALIFIERS: Record<CustomerCountry['lang'], string[]> = {
  de: ['Nord', 'Süd', 'West', 'Ost', 'Holding', 'Gruppe', 'Service', 'International', 'Sachsen', 'Bayern', 'Rhein-Main', 'Hanse'],
  nl: ['Noord', 'Zuid', 'Holding', 'Groep', 'Service', 'International', 'Randstad', 'Twente'],
  da: ['Nord', 'Syd', 'Holding', 'Gruppen', 'Service', 'International', 'Jylland', 'Sjælland'],
  no: ['Nord', 'Sør', 'Holding', 'Gruppen', 'Service', 'Vest'],
  sv: ['Norr', 'Syd', 'Holding', 'Gruppen', 'Service', 'International', 'Väst', 'Öst'],
  fi: ['Pohjoinen', 'Etelä', 'Group', 'Palvelut'],
  en: ['North', 'South', 'Group', 'Holdings', 'Services', 'International', 'Midlands', 'Northern', 'Atlantic', 'Pacific'],
  fr: ['Nord', 'Sud', 'Groupe', 'Services', 'International', 'Atlantique'],
};

export const CONTACT_TITLES: Record<NameLocale, string[]> = {
  de: ['Geschäftsführer', 'Leiterin Einkauf', 'Leiter IT', 'Head of Logistics', 'CFO', 'Projektleiterin', 'IT-Architekt', 'Einkäufer', 'Teamleiterin Buchhaltung', 'Datenschutzbeauftragter'],
  nl: ['Directeur', 'Inkoper', 'IT-manager', 'Projectleider', 'Hoofd Financiën', 'Operationeel Manager', 'Functioneel Beheerder'],
  da: ['Administrerende direktør', 'Indkøbschef', 'IT-chef', 'Projektleder', 'Økonomichef', 'Driftschef'],
  no: ['Daglig leder', 'Innkjøpssjef', 'IT-sjef', 'Prosjektleder', 'Økonomisjef'],
  sv: ['VD', 'Inköpschef', 'IT-chef', 'Projektledare', 'Ekonomichef', 'Driftchef', 'Systemförvaltare'],
  fi: ['Toimitusjohtaja', 'Hankintapäällikkö', 'IT-päällikkö', 'Projektipäällikkö'],
  en: ['Managing Director', 'Head of Procurement', 'IT Director', 'Operations Manager', 'Finance Director', 'Project Manager', 'Service Desk Manager', 'Data Protection Officer'],
  us: ['CEO', 'VP Operations', 'Director of IT', 'Procurement Manager', 'Controller', 'Program Manager'],
  fr: ['Directeur général', 'Responsable des achats', 'DSI', 'Chef de projet', 'Directrice financière'],
  sg: ['Managing Director', 'Head of IT', 'Procurement Manager', 'Operations Manager', 'Finance Manager'],
};
