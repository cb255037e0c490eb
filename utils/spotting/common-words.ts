/**
 * Ordinary words that are also company (or contact) names: Target, Shell,
 * Next, Apple, Orange, Anchor… A name made only of such words matches only
 * where the page writes it as a name (see matcher guards). Small lists per
 * language (en, de, nl, da, sv): frequent words and the nouns and adjectives
 * companies like to call themselves. Used by the dictionary compiler only
 * (background); the content script receives the guard flags precomputed.
 */
const EN = `a an and the of for to in on at by with from as or is it be we our you your all any new next first best
good great one two three apple orange target shell anchor visa progressive ball gap southern northern eastern western
discovery travelers traveller oracle anthem alphabet nationwide principal genuine parts office depot tech data
republic services general mills crown mosaic united national international american global energy express
dollar tree home state farm life group holdings partners solutions systems services resources industries
brands foods bank capital financial insurance mutual trust alliance union pacific atlantic central digital
direct smart simple open future vision summit pioneer frontier liberty freedom eagle star sun moon sky blue
green red black white silver gold diamond pearl rock stone bridge harbor harbour river lake ocean coast island
north south east west square circle line point edge core key prime premier royal crown castle tower gate
market store shop mart depot supply works labs lab studio media network connect link signal spark fire water
earth wind air power light bright clear fresh pure true honest solid total universal standard quality
precision dynamic dynamics strategic advanced applied integrated innovative creative modern classic
sales support service team account contact customer client partner client order ticket case deal topic
anchor compass beacon harvest meadow forest oak pine maple cedar birch willow lion tiger bear wolf fox hawk
falcon phoenix atlas titan apex vertex zenith orbit nova delta alpha beta gamma omega sigma matrix vector
amazon jaguar puma mustang corning discover ally dana williams staples gamestop hertz coty mosaic
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december league cup club city county united rangers rovers athletic sporting real
labour labor news times post herald mirror guardian observer express standard telegraph
`;
const DE = `der die das und oder ein eine einer eines zu im in am an auf mit von für bei nach aus neu neue erste beste gut
gute groß große klein kleine anker sonne stern post bahn allianz linde zeit bau haus hand merkur adler falke
bär wolf fuchs löwe tiger eiche birke tanne berg tal see meer fluss brücke turm tor burg schloss markt laden
handel technik energie strom wasser luft licht feuer erde wind kraft stahl eisen gold silber kupfer stein
nord süd ost west mitte zentrum morgen abend tag nacht himmel welt land stadt dorf heimat zukunft
freiheit einheit partner gruppe holding dienst dienste service kunde kunden auftrag angebot rechnung termin
lösung lösungen systeme system netz netzwerk digital logistik spedition transport versicherung bank sparkasse
montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli august september
oktober november dezember liga verein nachrichten zeitung presse
`;
const NL = `de het een en of van voor naar in op aan met bij uit nieuw nieuwe eerste beste goed goede groot grote klein kleine
anker zon ster post spoor tijd bouw huis hand arend valk beer wolf vos leeuw eik berk den berg dal zee meer rivier
brug toren poort kasteel markt winkel handel techniek energie stroom water lucht licht vuur aarde wind kracht
staal ijzer goud zilver koper steen noord zuid oost west midden centrum morgen avond dag nacht hemel wereld land
stad dorp thuis toekomst vrijheid eenheid partner groep dienst diensten klant klanten order offerte factuur
oplossing oplossingen systeem net netwerk digitaal logistiek vervoer verzekering verzekeringen bank van dijk
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus
september oktober november december competitie nieuws krant
`;
const DA = `og eller en et den det de til i på af med fra for ny nye første bedste god gode stor store lille anker sol stjerne
post bane tid byg hus hånd ørn falk bjørn ulv ræv løve eg birk gran bjerg dal sø hav flod bro tårn port slot
marked butik handel teknik energi strøm vand luft lys ild jord vind kraft stål jern guld sølv kobber sten nord syd
øst vest midt center morgen aften dag nat himmel verden land by hjem fremtid frihed enhed partner gruppe tjeneste
kunde kunder ordre tilbud faktura løsning løsninger system net netværk digital logistik transport forsikring
bank shipping havn skib mandag tirsdag onsdag torsdag fredag lørdag søndag januar februar marts april maj juni juli
august september oktober november december liga nyheder avis
`;
const SV = `och eller en ett den det de till i på av med från för ny nya första bästa god goda stor stora liten lilla ankare sol
stjärna post bana tid bygg hus hand örn falk björn varg räv lejon ek björk gran berg dal sjö hav flod bro torn port
slott marknad butik handel teknik energi ström vatten luft ljus eld jord vind kraft stål järn guld silver koppar
sten norr söder öst väst mitt centrum morgon kväll dag natt himmel värld land stad by hem framtid frihet enhet
partner grupp tjänst tjänster kund kunder order offert faktura lösning lösningar system nät nätverk digital
logistik transport försäkring bank energi måndag tisdag onsdag torsdag fredag lördag söndag januari februari mars
april maj juni juli augusti september oktober november december liga nyheter tidning
`;

export const COMMON_WORDS: Record<'en' | 'de' | 'nl' | 'da' | 'sv', readonly string[]> = {
  en: EN.split(/\s+/).filter(Boolean),
  de: DE.split(/\s+/).filter(Boolean),
  nl: NL.split(/\s+/).filter(Boolean),
  da: DA.split(/\s+/).filter(Boolean),
  sv: SV.split(/\s+/).filter(Boolean),
};

/** Names of at most this many letters (folded) are guarded like common words (EDI, HP, 3M, SSO). */
export const SHORT_NAME_LETTERS = 3;
