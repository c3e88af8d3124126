import type { Language } from '../../../domain/codes.js';

export interface OrganisationTexts {
  introduction: string[];
  contacts: { name: string; title: string; phone: string; email: string }[];
}

const CONTACTS = [
  { name: 'Katri Lyijynen', phone: '0295 463 223', email: 'katri.lyijynen@migri.fi' },
  { name: 'Terhi Tafari', phone: '0295 463 240', email: 'terhi.tafari@migri.fi' },
];

/**
 * The organisation's own introduction and contacts of the overview, as the 2025 edition has
 * them. They are defaults of an editable setting: each organisation writes its own.
 */
export const DEFAULT_ORGANISATION_TEXTS: Record<Language, OrganisationTexts> = {
  sv: {
    introduction: [
      'Hjälpsystemet för offer för människohandel, som har varit verksamt sedan 2006, är en sakkunnigmyndighet inom människohandel. För dess verksamhet ansvarar Joutseno förläggning, som är en del av Migrationsverket. Hjälpsystemet verkar på tre orter (Villmanstrand, Helsingfors och Tammerfors). Hjälpsystemet firar sitt 20-årsjubileum i år.',
      'Hjälpsystemet har som uppgift att hjälpa personer som blivit offer för människohandel och deras minderåriga barn samt personer som hjälper till med utredningar av människohandelsbrott. Systemet hjälper både finländska och utländska människohandelsoffer på samma villkor. Klienterna har rätt att i enlighet med sina behov få rådgivning och handledning, social- och hälsovårdstjänster, mottagningspenning eller utkomststöd, trygg inkvartering samt tolk- och översättningstjänster. Klienter som vill återvända till sitt hemland får stöd för trygg frivillig återresa. Klienten kan få juridisk rådgivning och hjälp. De tjänster som klienten erhåller baseras på en individuell bedömning av servicebehov.',
      'Hjälpen och tjänsterna ordnas av olika aktörer. Det praktiska genomförandet beror på den sökandes vistelserätt. Tjänsterna som ges via hjälpsystemet upphör när behovet av hjälp upphör, eller om offret för människohandel lämnar landet eller vill avsluta sitt klientskap.',
      'Hjälpsystemet upprätthåller en infotelefon på nummer 0295 463 177 som är öppen 24/7 samt webbplatsen ihmiskauppa.fi, som ger omfattande information om människohandel och arbetet mot den.',
      'Den statistiska översikten presenterar nyckeltalen i hjälpsystemet: antalet ansökningar, besluten som fattas, könsfördelningen, nationaliteter och former av exploatering hos nya klienter. Antalet offer i Finland samt antalet och nationaliteterna hos alla klienter undersöks separat.',
    ],
    contacts: [
      { ...CONTACTS[0]!, title: 'Biträdande direktör' },
      { ...CONTACTS[1]!, title: 'Överinspektör, teamledare' },
    ],
  },
  fi: {
    introduction: [
      'Vuodesta 2006 toiminut ihmiskaupan uhrien auttamisjärjestelmä on ihmiskaupan asiantuntijaviranomainen. Sen toiminnasta vastaa Joutsenon vastaanottokeskus, joka on osa Maahanmuuttovirastoa. Auttamisjärjestelmä toimii kolmella paikkakunnalla (Lappeenranta, Helsinki ja Tampere). Auttamisjärjestelmä viettää tänä vuonna 20-vuotisjuhlaansa.',
      'Auttamisjärjestelmän tehtävänä on auttaa ihmiskaupan uhreiksi joutuneita ja heidän alaikäisiä lapsiaan sekä ihmiskaupparikosten selvittämisessä avustavia henkilöitä. Järjestelmä auttaa suomalaisia ja ulkomaalaisia ihmiskaupan uhreja samoin ehdoin. Asiakkailla on oikeus tarpeidensa mukaan neuvontaan ja ohjaukseen, sosiaali- ja terveyspalveluihin, vastaanottorahaan tai toimeentulotukeen, turvalliseen majoitukseen sekä tulkki- ja käännöspalveluihin. Kotimaahansa palata haluavia asiakkaita tuetaan turvallisessa vapaaehtoisessa paluussa. Asiakas voi saada oikeudellista neuvontaa ja apua. Asiakkaan saamat palvelut perustuvat yksilölliseen palvelutarpeen arvioon.',
      'Apua ja palveluja järjestävät eri toimijat. Käytännön toteutus riippuu hakijan oleskeluoikeudesta. Auttamisjärjestelmän kautta annettavat palvelut päättyvät, kun avun tarve päättyy tai jos ihmiskaupan uhri poistuu maasta tai haluaa lopettaa asiakkuutensa.',
      'Auttamisjärjestelmä ylläpitää ympäri vuorokauden avoinna olevaa infopuhelinta numerossa 0295 463 177 sekä ihmiskauppa.fi-verkkosivustoa, joka tarjoaa kattavasti tietoa ihmiskaupasta ja sen vastaisesta työstä.',
      'Tilastokatsaus esittelee auttamisjärjestelmän keskeiset luvut: hakemusten ja päätösten määrät sekä uusien asiakkaiden sukupuolijakauman, kansalaisuudet ja hyväksikäytön muodot. Suomessa tapahtuneen hyväksikäytön uhrit sekä kaikkien asiakkaiden määrä ja kansalaisuudet tarkastellaan erikseen.',
    ],
    contacts: [
      { ...CONTACTS[0]!, title: 'Apulaisjohtaja' },
      { ...CONTACTS[1]!, title: 'Ylitarkastaja, tiiminvetäjä' },
    ],
  },
  en: {
    introduction: [
      'The Assistance System for Victims of Human Trafficking, in operation since 2006, is an expert authority on trafficking in human beings. It is run by Joutseno Reception Centre, part of the Finnish Immigration Service. The Assistance System works in three locations (Lappeenranta, Helsinki and Tampere) and celebrates its 20th anniversary this year.',
      'The Assistance System helps victims of trafficking in human beings and their minor children, as well as persons who assist in the investigation of trafficking offences. It helps Finnish and foreign victims on equal terms. According to their needs, clients are entitled to counselling and guidance, social and health services, reception allowance or social assistance, safe accommodation, and interpretation and translation services. Clients who wish to return to their home country are supported in a safe assisted voluntary return. Clients can receive legal advice and assistance. The services a client receives are based on an individual assessment of service needs.',
      'The assistance and services are arranged by different actors; how they are provided depends on the applicant\u2019s right of residence. The services provided through the Assistance System end when the need for assistance ends, or if the victim leaves the country or wishes to end the client relationship.',
      'The Assistance System runs an information line, 0295 463 177, open 24/7, and the website ihmiskauppa.fi, which offers comprehensive information on trafficking in human beings and the work against it.',
      'This statistical overview presents the key figures of the Assistance System: the numbers of applications and decisions, and the gender, nationalities and forms of exploitation of new clients. The victims of exploitation in Finland and the number and nationalities of all clients are examined separately.',
    ],
    contacts: [
      { ...CONTACTS[0]!, title: 'Deputy Director' },
      { ...CONTACTS[1]!, title: 'Senior Inspector, Team Leader' },
    ],
  },
};
