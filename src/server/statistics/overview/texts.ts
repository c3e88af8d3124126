import type { Language } from '../../../domain/codes.js';
import type { SentenceContext } from './document.js';
import { breakdown } from './document.js';

/** The sentences of the overview per language, written over figure ids (the 2025 edition's wording). */
export interface OverviewTexts {
  title(year: number, half?: 1): string;
  periodLabel(year: number, half?: 1): string;
  otherCountries: string;
  applications: { heading(year: number, half?: 1): string; paragraphs(c: SentenceContext): string[] };
  newClients: { heading(year: number, half?: 1): string; paragraphs(c: SentenceContext): string[] };
  forms: { heading: string; paragraphs(c: SentenceContext): string[] };
  inFinland: { heading: string; paragraphs(c: SentenceContext): string[] };
  stock: { heading(date: string): string; paragraphs(c: SentenceContext, refDate: string): string[] };
  charts: Record<'applicationsByChannel' | 'rejectionReasons' | 'endReasons' | 'byGender' | 'byAge' | 'byNationality' | 'formsByGender' | 'industries' | 'residenceStatus', string>;
}

type Fraction = { target: number; text: Record<Language, string> };
const FRACTIONS: Fraction[] = [
  { target: 50, text: { sv: 'hälften', fi: 'puolet', en: 'half' } },
  { target: 33, text: { sv: 'en av tre', fi: 'joka kolmas', en: 'one in three' } },
  { target: 25, text: { sv: 'en av fyra', fi: 'joka neljäs', en: 'one in four' } },
  { target: 20, text: { sv: 'en av fem', fi: 'joka viides', en: 'one in five' } },
  { target: 10, text: { sv: 'en av tio', fi: 'joka kymmenes', en: 'one in ten' } },
];

/** "hälften", "en av fem" where the share is that (to the whole percent), else null. */
function fraction(c: SentenceContext, share: number): string | null {
  const p = c.wholePercent(share);
  return FRACTIONS.find((f) => f.target === p)?.text[c.lang] ?? null;
}

type Trend = 'doubled' | 'halved' | 'rose' | 'fell' | 'same';
function trend(previous: number, current: number): Trend {
  if (previous <= 0) return current > 0 ? 'rose' : 'same';
  const ratio = current / previous;
  if (ratio >= 1.9 && ratio <= 2.2) return 'doubled';
  if (ratio >= 0.45 && ratio <= 0.55) return 'halved';
  if (ratio > 1.1) return 'rose';
  if (ratio < 0.9) return 'fell';
  return 'same';
}

/** Forms of exploitation whose victims are mostly women, and those mostly men. */
function formsByMajority(c: SentenceContext) {
  const forms = breakdown(c.figures, 'exploitations.byForm').map((e) => e.code).filter((f) => f !== 'other');
  const women = forms.filter((f) => c.v(`exploitations.byForm.${f}.byGender.female`) > c.v(`exploitations.byForm.${f}.byGender.male`));
  const men = forms.filter((f) => c.v(`exploitations.byForm.${f}.byGender.male`) > c.v(`exploitations.byForm.${f}.byGender.female`));
  return { women, men };
}

function topNationalities(c: SentenceContext, prefix: string, count: number) {
  return breakdown(c.figures, prefix).filter((e) => e.code !== 'other').slice(0, count);
}

const AGE_GROUPS = ['under_18', '18_29', '30_39', '40_49', '50_59', '60_plus'] as const;

// Inhabitant names where the sentence reads better with them; others say "citizens of X".
const DEMONYMS: Record<Language, Record<string, string>> = {
  sv: { NP: 'nepaleser', SO: 'somalier', FI: 'finländare', VN: 'vietnameser', UA: 'ukrainare', NG: 'nigerianer', TH: 'thailändare', CN: 'kineser', IQ: 'iraker', RU: 'ryssar' },
  fi: { NP: 'nepalilaisia', SO: 'somalialaisia', FI: 'suomalaisia', VN: 'vietnamilaisia', UA: 'ukrainalaisia', NG: 'nigerialaisia', TH: 'thaimaalaisia', CN: 'kiinalaisia', IQ: 'irakilaisia', RU: 'venäläisiä' },
  en: { NP: 'Nepalese', SO: 'Somali', FI: 'Finnish', VN: 'Vietnamese', UA: 'Ukrainian', NG: 'Nigerian', TH: 'Thai', CN: 'Chinese', IQ: 'Iraqi', RU: 'Russian' },
};
function demonym(c: SentenceContext, code: string): string {
  return DEMONYMS[c.lang][code] ?? { sv: `medborgare i ${c.country(code)}`, fi: `kansalaisuudeltaan ${c.country(code)}`, en: `citizens of ${c.country(code)}` }[c.lang];
}

/** "Hälften av ansökningarna", "En av fem ansökningar", "12 % av ansökningarna". */
function svShareOf(c: SentenceContext, share: number): string {
  const f = fraction(c, share);
  if (f?.startsWith('en av')) return `${c.cap(f)} ansökningar`;
  return `${c.cap(f ?? c.pct(share))} av ansökningarna`;
}

const sv: OverviewTexts = {
  title: (y, half) => `Hjälpsystemet för offer för människohandels statistiska översikt ${half ? `1.1.–30.6.${y}` : y}`,
  periodLabel: (y, half) => (half ? `1.1.–30.6.${y}` : String(y)),
  otherCountries: 'Andra länder',
  applications: {
    heading: (y, half) => `Ansökningar och beslut ${half ? `1.1.–30.6.${y}` : `år ${y}`}`,
    paragraphs: (c) => {
      const migri = c.share('applications.byChannelGroup.migri');
      const self = c.share('applications.byChannel.self');
      const wsc = trend(c.share('previous.applications.byChannel.wellbeing_services_county'), c.share('applications.byChannel.wellbeing_services_county'));
      const rejections = breakdown(c.figures, 'decisions.rejection.byReason').slice(0, 2);
      const rejectionPhrase: Record<string, string> = {
        no_need_for_assistance: 'sökanden inte behövde hjälp av hjälpsystemet',
        not_trafficking: 'utnyttjandet inte handlade om människohandel',
        no_consent: 'sökanden inte samtyckte',
        other: 'andra skäl',
      };
      const ended = breakdown(c.figures, 'clientships.ended.byReason')[0];
      const endPhrase: Record<string, string> = {
        no_longer_needs_assistance: 'klienten inte längre behövde hjälp',
        left_country: 'klienten lämnade landet',
        assisted_voluntary_return: 'klienten återvände frivilligt',
        disappeared: 'klienten försvann',
        client_request: 'klienten själv begärde det',
        deceased: 'klienten avled',
        other: 'andra skäl',
      };
      const wscText = { doubled: 'fördubblades', halved: 'halverades', rose: 'ökade', fell: 'minskade', same: 'var ungefär densamma' }[wsc];
      return [
        `År ${c.year} mottog hjälpsystemet för offer för människohandel ${c.n(c.v('applications.received'))} ansökningar, varav ${c.n(c.v('decisions.admission'))} accepterades som nya klienter.`,
        `${svShareOf(c, migri)} kom via Migrationsverket och dess förläggningar. ${svShareOf(c, self)} gjordes av offret självt. Andelen ansökningar från välfärdsområden ${wscText} jämfört med föregående år.`,
        `Totalt fattades ${c.n(c.v('decisions.admission'))} positiva beslut. Ett offer kan bli klient endast om hen själv samtycker till det. För att en person ska kunna bli klient måste definitionen av människohandel också uppfyllas, och offret måste ha behov av den hjälp som ges genom hjälpsystemet.`,
        `Totalt fattades ${c.n(c.v('decisions.rejection'))} negativa beslut.` +
          (rejections.length > 0 ? ` Orsaken till det negativa beslutet var oftast att ${rejections.map((r) => `${rejectionPhrase[r.code] ?? r.code} (${c.pct(r.share ?? 0)})`).join(' eller att ')}.` : ''),
        `Hjälpinsatser avslutades för ${c.n(c.v('clientships.ended'))} personer.` +
          (ended ? ` Den vanligaste anledningen till att avsluta klientrelationen var att ${endPhrase[ended.code] ?? ended.code} (${c.pct(ended.share ?? 0)}).` : '') +
          ` Antalet personer som försvunnit eller lämnat landet på olika sätt var ${c.wholePercent(c.share('clientships.ended.byReasonGroup.left_or_disappeared'))} procent.`,
      ];
    },
  },
  newClients: {
    heading: (y, half) => `Nya klienter ${half ? `1.1.–30.6.${y}` : y}`,
    paragraphs: (c) => {
      const ages = AGE_GROUPS.map((g) => ({ g, value: c.v(`newClients.byAgeGroup.${g}`), share: c.share(`newClients.byAgeGroup.${g}`) }));
      const pctAges = ages.slice(0, 5).filter((a) => a.value > 0);
      const labels: Record<string, string> = { under_18: 'minderåriga', '18_29': 'i åldern 18–29 år', '30_39': '30–39 år', '40_49': '40–49 år', '50_59': '50–59 år' };
      const older = ages[5]!.value;
      const top = topNationalities(c, 'newClients.byNationality', 2).map((e) => c.country(e.code));
      const fi = c.v('newClients.byNationality.FI');
      const abroad = c.v('newClients.finnish.exploitedOnlyAbroad');
      const other = c.figures['newClients.byNationality.other'];
      const parts = [
        `År ${c.year} blev ${c.n(c.v('newClients.victims'))} offer för människohandel och ${c.n(c.v('newClients.children'))} barn till dem klienter. ${c.wholePercent(c.share('newClients.byGender.female'))} procent av offren var kvinnor och flickor.`,
        `Omkring ${pctAges.map((a, i) => `${c.wholePercent(a.share)} procent ${i === 0 ? 'av de nya klienterna var ' : 'var '}${labels[a.g]}`).join(', ').replace(/, ([^,]*)$/, ' och $1')}.` +
          (older > 0 ? ` ${c.cap(c.words(older))} ${older === 1 ? 'klient var' : 'klienter var'} äldre än så.` : ''),
        `De nya klienterna representerade ${c.n(c.v('newClients.nationalities'))} olika nationaliteter.` +
          (top.length > 0 ? ` ${c.list(top)} var de vanligaste nationaliteterna.` : '') +
          (fi > 0 ? ` Finländare var också bland dem som utnyttjades, totalt ${c.n(fi)} personer (${c.pct(c.share('newClients.byNationality.FI'))}).` : '') +
          (fi > 0 ? ` ${abroad === 0 ? 'Alla hade utnyttjats i Finland.' : `${c.cap(c.words(abroad))} hade ${abroad === 1 ? 'blivit utnyttjad' : 'blivit utnyttjade'} utomlands, de andra i Finland.`}` : '') +
          ` Av alla nya klienter var ${c.n(c.v('newClients.minors'))} personer minderåriga.`,
      ];
      if (other && (other.value ?? 0) > 0) parts.push(`Andra länder (${c.pct(other.share ?? 0)}) visar alla nationaliteter med färre än ${c.words(c.threshold)} personer.`);
      return parts;
    },
  },
  forms: {
    heading: 'Former av utnyttjande',
    paragraphs: (c) => {
      const { women, men } = formsByMajority(c);
      const form = (f: string) => c.code('exploitationForm', f).toLocaleLowerCase('sv');
      return [
        (women.length > 0 ? `Offren för ${c.list(women.map(form))} är oftast kvinnor. ` : '') + (men.length > 0 ? `Männen löpte större risk att bli offer för ${c.list(men.map(form))}.` : ''),
        `Det fanns ${c.n(c.v('newClients.victims'))} nya klienter, men totalt begicks ${c.n(c.v('exploitations.total'))} människohandelsincidenter mot individerna. Vissa av klienterna har utsatts för mer än en form av utnyttjande. Grafen presenterar både primära och sekundära former av utnyttjande.`,
      ].filter((p) => p.trim() !== '');
    },
  },
  inFinland: {
    heading: 'Utnyttjande som inträffat i Finland',
    paragraphs: (c) => {
      const repeated = c.v('inFinland.repeatedVictims');
      const repeatedWomen = c.v('inFinland.repeatedVictims.byGender.female');
      const fl = c.v('inFinland.byForm.forced_labour');
      const industries = breakdown(c.figures, 'inFinland.forcedLabour.byIndustry').filter((e) => e.code !== 'other').slice(0, 5).map((e) => c.code('industry', e.code).toLocaleLowerCase('sv'));
      const topNat = topNationalities(c, 'inFinland.byNationality', 1)[0];
      const fiNat = c.figures['inFinland.byNationality.FI'];
      const permits = c.share('inFinland.byResidenceStatusGroup.residence_permit');
      const rs = (code: string) => c.v(`inFinland.byResidenceStatus.${code}`);
      const asylum = rs('asylum_seeker');
      return [
        `År ${c.year} avslöjades ${c.n(c.v('inFinland.victims'))} fall av utnyttjande som inträffat i Finland. ${c.n(c.v('inFinland.byGender.male'))} av offren var män och ${c.n(c.v('inFinland.byGender.female'))} var kvinnor. De representerade ${c.n(c.v('inFinland.nationalities'))} nationaliteter. De utsattes för totalt ${c.n(c.v('inFinland.exploitations'))} människohandelsincidenter.` +
          (repeated > 0 ? ` De personer som utsattes för människohandel upprepade gånger, eller för flera former av människohandel samtidigt, var ${repeatedWomen === repeated ? 'kvinnor' : 'främst kvinnor'} (${c.n(repeated)} personer).` : '') +
          ' Diagrammet som visar former av utnyttjande beskriver både primära och sekundära former av exploatering.',
        `Majoriteten (${c.n(fl)} incidenter, ${c.pct(c.share('inFinland.byForm.forced_labour'))}) av dem som blivit offer i Finland hade blivit offer för tvångsarbete.` +
          (industries.length > 0 ? ` De vanligaste branscherna var ${c.list(industries)}.` : '') +
          ` År ${c.year - 1} fanns det ${c.n(c.v('previous.inFinland.forcedLabour.victims'))} offer för tvångsarbete i Finland.`,
        (topNat ? `År ${c.year} var ${c.pct(topNat.share ?? 0)} av offren i Finland ${demonym(c, topNat.code)} (${c.n(topNat.value)} personer).` : '') +
          (fiNat && topNat?.code !== 'FI' ? ` Finska medborgare stod för ${c.wholePercent(fiNat.share ?? 0)} procent (${c.n(fiNat.value ?? 0)} personer).` : ''),
        `Ett offer för människohandel som vistas i Finland utan uppehållsrätt kan få en betänketid på 1–6 månader. Betänketiden är en tillfällig uppehållsrätt under vilken det är lagligt att vistas i Finland. Hjälpsystemet har år ${c.year} gett ${c.n(c.v('reflectionPeriods.granted'))} människohandelsoffer betänketid.`,
        `Majoriteten av de utnyttjade hade uppehållstillstånd i Finland (${c.pct(permits)}). De flesta hade ett säsongsarbetstillstånd (${c.n(rs('seasonal_work_permit'))} personer), ett uppehållstillstånd för arbetstagare (${c.n(rs('worker_permit'))}) eller ett familjebandstillstånd (${c.n(rs('family_permit'))} personer).`,
        `Av alla offer i Finland var ${c.words(asylum)} personer asylsökande (${c.pct(c.share('inFinland.byResidenceStatus.asylum_seeker'))}) och ${c.n(rs('no_legal_residence'))} personer var utan laglig uppehållsrätt i Finland.`,
      ].filter((p) => p.trim() !== '');
    },
  },
  stock: {
    heading: (date) => `Alla klienter ${date}`,
    paragraphs: (c, refDate) => [
      `Den ${refDate.endsWith('12-31') ? '31 december' : '30 juni'} ${c.year} hade Hjälpsystemet ${c.n(c.v('stock.clients'))} klienter, varav ${c.n(c.v('stock.byCategory.victim'))} var identifierade offer och ${c.n(c.v('stock.byCategory.child_of_victim'))} var minderåriga barn till offer. Bland offren fanns ${c.n(c.v('stock.victims.minors'))} barn och ${c.n(c.v('stock.victims.admittedAsMinors'))} personer som antagits till systemet som minderåriga. Omkring ${c.wholePercent(c.share('stock.victims.byGender.female'))} procent av offren för människohandel var kvinnor.`,
    ],
  },
  charts: {
    applicationsByChannel: 'Ansökningar enligt sökande',
    rejectionReasons: 'Orsaker till negativa beslut',
    endReasons: 'Orsaker till att klientskapet avslutades',
    byGender: 'Nya klienter enligt kön',
    byAge: 'Nya klienter enligt åldersgrupp',
    byNationality: 'Nya klienter enligt nationalitet',
    formsByGender: 'Former av utnyttjande enligt kön',
    industries: 'Tvångsarbete i Finland enligt bransch',
    residenceStatus: 'Offer i Finland enligt uppehållsstatus',
  },
};



const fi: OverviewTexts = {
  title: (y, half) => `Ihmiskaupan uhrien auttamisjärjestelmän tilastokatsaus ${half ? `1.1.–30.6.${y}` : y}`,
  periodLabel: (y, half) => (half ? `1.1.–30.6.${y}` : String(y)),
  otherCountries: 'Muut maat',
  applications: {
    heading: (y, half) => `Hakemukset ja päätökset ${half ? `1.1.–30.6.${y}` : `vuonna ${y}`}`,
    paragraphs: (c) => {
      const migri = c.share('applications.byChannelGroup.migri');
      const self = c.share('applications.byChannel.self');
      const wsc = trend(c.share('previous.applications.byChannel.wellbeing_services_county'), c.share('applications.byChannel.wellbeing_services_county'));
      const rejections = breakdown(c.figures, 'decisions.rejection.byReason').slice(0, 2);
      const rejectionPhrase: Record<string, string> = {
        no_need_for_assistance: 'hakija ei tarvinnut auttamisjärjestelmän apua',
        not_trafficking: 'hyväksikäytössä ei ollut kyse ihmiskaupasta',
        no_consent: 'hakija ei antanut suostumustaan',
        other: 'muu syy',
      };
      const ended = breakdown(c.figures, 'clientships.ended.byReason')[0];
      const endPhrase: Record<string, string> = {
        no_longer_needs_assistance: 'asiakas ei enää tarvinnut apua',
        left_country: 'asiakas poistui maasta',
        assisted_voluntary_return: 'asiakas palasi vapaaehtoisesti',
        disappeared: 'asiakas katosi',
        client_request: 'asiakas itse pyysi sitä',
        deceased: 'asiakas kuoli',
        other: 'muu syy',
      };
      const wscText = { doubled: 'kaksinkertaistui', halved: 'puolittui', rose: 'kasvoi', fell: 'pieneni', same: 'pysyi lähes ennallaan' }[wsc];
      const migriText = fraction(c, migri);
      const selfText = fraction(c, self);
      return [
        `Vuonna ${c.year} ihmiskaupan uhrien auttamisjärjestelmään tuli ${c.n(c.v('applications.received'))} hakemusta, joista ${c.n(c.v('decisions.admission'))} hyväksyttiin uusiksi asiakkaiksi.`,
        `${migriText ? `${c.cap(migriText)} hakemuksista` : `Hakemuksista ${c.pct(migri)}`} tuli Maahanmuuttoviraston ja sen vastaanottokeskusten kautta. ${selfText ? `${c.cap(selfText)} hakemus` : `Hakemuksista ${c.pct(self)}`} tehtiin uhrin itsensä toimesta. Hyvinvointialueilta tulleiden hakemusten osuus ${wscText} edellisvuodesta.`,
        `Myönteisiä päätöksiä tehtiin yhteensä ${c.n(c.v('decisions.admission'))}. Uhrista voi tulla asiakas vain hänen omalla suostumuksellaan. Asiakkaaksi ottaminen edellyttää myös, että ihmiskaupan määritelmä täyttyy ja että uhri tarvitsee auttamisjärjestelmän antamaa apua.`,
        `Kielteisiä päätöksiä tehtiin yhteensä ${c.n(c.v('decisions.rejection'))}.` +
          (rejections.length > 0 ? ` Kielteisen päätöksen syy oli useimmiten se, että ${rejections.map((r) => `${rejectionPhrase[r.code] ?? r.code} (${c.pct(r.share ?? 0)})`).join(' tai että ')}.` : ''),
        `Auttamistoimet päättyivät ${c.n(c.v('clientships.ended'))} henkilön osalta.` +
          (ended ? ` Yleisin syy asiakkuuden päättymiseen oli, että ${endPhrase[ended.code] ?? ended.code} (${c.pct(ended.share ?? 0)}).` : '') +
          ` Kadonneiden tai eri tavoin maasta poistuneiden osuus oli ${c.wholePercent(c.share('clientships.ended.byReasonGroup.left_or_disappeared'))} prosenttia.`,
      ];
    },
  },
  newClients: {
    heading: (y, half) => `Uudet asiakkaat ${half ? `1.1.–30.6.${y}` : y}`,
    paragraphs: (c) => {
      const ages = AGE_GROUPS.map((g) => ({ g, value: c.v(`newClients.byAgeGroup.${g}`), share: c.share(`newClients.byAgeGroup.${g}`) }));
      const pctAges = ages.slice(0, 5).filter((a) => a.value > 0);
      const labels: Record<string, string> = { under_18: 'oli alaikäisiä', '18_29': 'oli 18–29-vuotiaita', '30_39': '30–39-vuotiaita', '40_49': '40–49-vuotiaita', '50_59': '50–59-vuotiaita' };
      const older = ages[5]!.value;
      const top = topNationalities(c, 'newClients.byNationality', 2).map((e) => c.country(e.code));
      const fiCount = c.v('newClients.byNationality.FI');
      const abroad = c.v('newClients.finnish.exploitedOnlyAbroad');
      const other = c.figures['newClients.byNationality.other'];
      const parts = [
        `Vuonna ${c.year} auttamisjärjestelmän asiakkaiksi tuli ${c.n(c.v('newClients.victims'))} ihmiskaupan uhria ja heidän ${c.n(c.v('newClients.children'))} lastaan. Uhreista ${c.wholePercent(c.share('newClients.byGender.female'))} prosenttia oli naisia ja tyttöjä.`,
        `Uusista asiakkaista noin ${pctAges.map((a) => `${c.wholePercent(a.share)} prosenttia ${labels[a.g]}`).join(', ').replace(/, ([^,]*)$/, ' ja $1')}.` +
          (older > 0 ? ` ${c.cap(c.words(older))} ${older === 1 ? 'asiakas oli' : 'asiakasta oli'} tätä vanhempia.` : ''),
        `Uudet asiakkaat edustivat ${c.n(c.v('newClients.nationalities'))} eri kansalaisuutta.` +
          (top.length > 0 ? ` Yleisimmät kansalaisuudet olivat ${c.list(top)}.` : '') +
          (fiCount > 0 ? ` Myös suomalaisia oli hyväksikäytettyjen joukossa, yhteensä ${c.n(fiCount)} henkilöä (${c.pct(c.share('newClients.byNationality.FI'))}).` : '') +
          (fiCount > 0 ? ` ${abroad === 0 ? 'Kaikkia oli hyväksikäytetty Suomessa.' : `${c.cap(c.words(abroad))} heistä oli joutunut hyväksikäytetyksi ulkomailla, muut Suomessa.`}` : '') +
          ` Kaikista uusista asiakkaista ${c.n(c.v('newClients.minors'))} oli alaikäisiä.`,
      ];
      if (other && (other.value ?? 0) > 0) parts.push(`Muut maat (${c.pct(other.share ?? 0)}) sisältää kaikki kansalaisuudet, joita on alle ${c.words(c.threshold)} henkilöä.`);
      return parts;
    },
  },
  forms: {
    heading: 'Hyväksikäytön muodot',
    paragraphs: (c) => {
      const { women, men } = formsByMajority(c);
      const form = (f: string) => c.code('exploitationForm', f).toLocaleLowerCase('fi');
      return [
        // Code labels cannot be inflected, so they stand after a colon.
        (women.length > 0 ? `Naiset ovat useimmiten uhreina näissä hyväksikäytön muodoissa: ${c.list(women.map(form))}. ` : '') +
          (men.length > 0 ? `Miehillä oli suurempi riski joutua näiden muotojen uhriksi: ${c.list(men.map(form))}.` : ''),
        `Uusia asiakkaita oli ${c.n(c.v('newClients.victims'))}, mutta heihin kohdistui yhteensä ${c.n(c.v('exploitations.total'))} ihmiskaupan tekoa. Osa asiakkaista on joutunut useamman kuin yhden hyväksikäytön muodon kohteeksi. Kaaviossa esitetään sekä ensisijaiset että toissijaiset hyväksikäytön muodot.`,
      ].filter((p) => p.trim() !== '');
    },
  },
  inFinland: {
    heading: 'Suomessa tapahtunut hyväksikäyttö',
    paragraphs: (c) => {
      const repeated = c.v('inFinland.repeatedVictims');
      const repeatedWomen = c.v('inFinland.repeatedVictims.byGender.female');
      const fl = c.v('inFinland.byForm.forced_labour');
      const industries = breakdown(c.figures, 'inFinland.forcedLabour.byIndustry').filter((e) => e.code !== 'other').slice(0, 5).map((e) => c.code('industry', e.code).toLocaleLowerCase('fi'));
      const topNat = topNationalities(c, 'inFinland.byNationality', 1)[0];
      const fiNat = c.figures['inFinland.byNationality.FI'];
      const permits = c.share('inFinland.byResidenceStatusGroup.residence_permit');
      const rs = (code: string) => c.v(`inFinland.byResidenceStatus.${code}`);
      const asylum = rs('asylum_seeker');
      return [
        `Vuonna ${c.year} tuli ilmi ${c.n(c.v('inFinland.victims'))} Suomessa tapahtunutta hyväksikäyttötapausta. Uhreista ${c.n(c.v('inFinland.byGender.male'))} oli miehiä ja ${c.n(c.v('inFinland.byGender.female'))} naisia. He edustivat ${c.n(c.v('inFinland.nationalities'))} kansalaisuutta. Heihin kohdistui yhteensä ${c.n(c.v('inFinland.exploitations'))} ihmiskaupan tekoa.` +
          (repeated > 0 ? ` Toistuvasti tai samanaikaisesti useamman ihmiskaupan muodon kohteeksi joutuneet olivat ${repeatedWomen === repeated ? 'naisia' : 'enimmäkseen naisia'} (${c.n(repeated)} henkilöä).` : '') +
          ' Hyväksikäytön muotoja esittävä kaavio kuvaa sekä ensisijaisia että toissijaisia hyväksikäytön muotoja.',
        `Suurin osa (${c.n(fl)} tekoa, ${c.pct(c.share('inFinland.byForm.forced_labour'))}) Suomessa uhriksi joutuneista oli joutunut pakkotyön uhriksi.` +
          (industries.length > 0 ? ` Yleisimmät alat olivat ${c.list(industries)}.` : '') +
          ` Vuonna ${c.year - 1} Suomessa oli ${c.n(c.v('previous.inFinland.forcedLabour.victims'))} pakkotyön uhria.`,
        (topNat ? `Vuonna ${c.year} Suomessa hyväksikäytetyistä ${c.pct(topNat.share ?? 0)} oli ${demonym(c, topNat.code)} (${c.n(topNat.value)} henkilöä).` : '') +
          (fiNat && topNat?.code !== 'FI' ? ` Suomen kansalaisten osuus oli ${c.wholePercent(fiNat.share ?? 0)} prosenttia (${c.n(fiNat.value ?? 0)} henkilöä).` : ''),
        `Ihmiskaupan uhri, joka oleskelee Suomessa ilman oleskeluoikeutta, voi saada 1–6 kuukauden harkinta-ajan. Harkinta-aika on tilapäinen oleskeluoikeus, jonka aikana Suomessa oleskelu on laillista. Auttamisjärjestelmä myönsi vuonna ${c.year} harkinta-ajan ${c.n(c.v('reflectionPeriods.granted'))} ihmiskaupan uhrille.`,
        `Suurimmalla osalla hyväksikäytetyistä oli oleskelulupa Suomessa (${c.pct(permits)}). Useimmilla oli kausityölupa (${c.n(rs('seasonal_work_permit'))} henkilöä), työntekijän oleskelulupa (${c.n(rs('worker_permit'))}) tai perhesiteen perusteella myönnetty oleskelulupa (${c.n(rs('family_permit'))} henkilöä).`,
        `Kaikista Suomessa hyväksikäytetyistä ${c.words(asylum)} oli turvapaikanhakijoita (${c.pct(c.share('inFinland.byResidenceStatus.asylum_seeker'))}) ja ${c.n(rs('no_legal_residence'))} henkilöä oleskeli Suomessa ilman laillista oleskeluoikeutta.`,
      ].filter((p) => p.trim() !== '');
    },
  },
  stock: {
    heading: (date) => `Kaikki asiakkaat ${date}`,
    paragraphs: (c, refDate) => [
      `${refDate.endsWith('12-31') ? '31.12.' : '30.6.'}${c.year} auttamisjärjestelmällä oli ${c.n(c.v('stock.clients'))} asiakasta, joista ${c.n(c.v('stock.byCategory.victim'))} oli tunnistettuja uhreja ja ${c.n(c.v('stock.byCategory.child_of_victim'))} uhrien alaikäisiä lapsia. Uhrien joukossa oli ${c.n(c.v('stock.victims.minors'))} lasta ja ${c.n(c.v('stock.victims.admittedAsMinors'))} henkilöä, jotka oli otettu järjestelmään alaikäisinä. Ihmiskaupan uhreista noin ${c.wholePercent(c.share('stock.victims.byGender.female'))} prosenttia oli naisia.`,
    ],
  },
  charts: {
    applicationsByChannel: 'Hakemukset hakijan mukaan',
    rejectionReasons: 'Kielteisten päätösten syyt',
    endReasons: 'Asiakkuuden päättymisen syyt',
    byGender: 'Uudet asiakkaat sukupuolen mukaan',
    byAge: 'Uudet asiakkaat ikäryhmittäin',
    byNationality: 'Uudet asiakkaat kansalaisuuden mukaan',
    formsByGender: 'Hyväksikäytön muodot sukupuolen mukaan',
    industries: 'Pakkotyö Suomessa aloittain',
    residenceStatus: 'Suomessa hyväksikäytetyt oleskeluaseman mukaan',
  },
};

const en: OverviewTexts = {
  title: (y, half) => `Assistance System for Victims of Human Trafficking: statistical overview ${half ? `1 January – 30 June ${y}` : y}`,
  periodLabel: (y, half) => (half ? `1 January – 30 June ${y}` : String(y)),
  otherCountries: 'Other countries',
  applications: {
    heading: (y, half) => `Applications and decisions ${half ? `1 January – 30 June ${y}` : `in ${y}`}`,
    paragraphs: (c) => {
      const migri = c.share('applications.byChannelGroup.migri');
      const self = c.share('applications.byChannel.self');
      const wsc = trend(c.share('previous.applications.byChannel.wellbeing_services_county'), c.share('applications.byChannel.wellbeing_services_county'));
      const rejections = breakdown(c.figures, 'decisions.rejection.byReason').slice(0, 2);
      const rejectionPhrase: Record<string, string> = {
        no_need_for_assistance: 'the applicant did not need the assistance of the system',
        not_trafficking: 'the exploitation was not trafficking in human beings',
        no_consent: 'the applicant did not consent',
        other: 'other reasons',
      };
      const ended = breakdown(c.figures, 'clientships.ended.byReason')[0];
      const endPhrase: Record<string, string> = {
        no_longer_needs_assistance: 'the client no longer needed assistance',
        left_country: 'the client left the country',
        assisted_voluntary_return: 'the client returned voluntarily',
        disappeared: 'the client disappeared',
        client_request: 'the client asked for it',
        deceased: 'the client died',
        other: 'other reasons',
      };
      const wscText = { doubled: 'doubled', halved: 'halved', rose: 'grew', fell: 'fell', same: 'stayed about the same' }[wsc];
      const migriText = fraction(c, migri);
      const selfText = fraction(c, self);
      return [
        `In ${c.year}, the Assistance System for Victims of Human Trafficking received ${c.n(c.v('applications.received'))} applications, of which ${c.n(c.v('decisions.admission'))} were accepted as new clients.`,
        `${migriText ? `${c.cap(migriText)} of the applications` : `${c.pct(migri)} of the applications`} came through the Finnish Immigration Service and its reception centres. ${selfText ? `${c.cap(selfText)} applications was` : `${c.pct(self)} of the applications were`} made by the victim themself. The share of applications from wellbeing services counties ${wscText} compared with the previous year.`,
        `A total of ${c.n(c.v('decisions.admission'))} positive decisions were made. A victim can become a client only with their own consent. To become a client, the definition of trafficking in human beings must also be met, and the victim must need the assistance provided by the system.`,
        `A total of ${c.n(c.v('decisions.rejection'))} negative decisions were made.` +
          (rejections.length > 0 ? ` The most common reasons were that ${rejections.map((r) => `${rejectionPhrase[r.code] ?? r.code} (${c.pct(r.share ?? 0)})`).join(' or that ')}.` : ''),
        `Assistance ended for ${c.n(c.v('clientships.ended'))} persons.` +
          (ended ? ` The most common reason for ending the client relationship was that ${endPhrase[ended.code] ?? ended.code} (${c.pct(ended.share ?? 0)}).` : '') +
          ` Persons who disappeared or left the country in various ways made up ${c.wholePercent(c.share('clientships.ended.byReasonGroup.left_or_disappeared'))} per cent.`,
      ];
    },
  },
  newClients: {
    heading: (y, half) => `New clients ${half ? `1 January – 30 June ${y}` : `in ${y}`}`,
    paragraphs: (c) => {
      const ages = AGE_GROUPS.map((g) => ({ g, value: c.v(`newClients.byAgeGroup.${g}`), share: c.share(`newClients.byAgeGroup.${g}`) }));
      const pctAges = ages.slice(0, 5).filter((a) => a.value > 0);
      const labels: Record<string, string> = { under_18: 'of the new clients were minors', '18_29': 'were aged 18–29', '30_39': '30–39', '40_49': '40–49', '50_59': '50–59' };
      const older = ages[5]!.value;
      const top = topNationalities(c, 'newClients.byNationality', 2).map((e) => c.country(e.code));
      const fiCount = c.v('newClients.byNationality.FI');
      const abroad = c.v('newClients.finnish.exploitedOnlyAbroad');
      const other = c.figures['newClients.byNationality.other'];
      const parts = [
        `In ${c.year}, ${c.n(c.v('newClients.victims'))} victims of trafficking in human beings and ${c.n(c.v('newClients.children'))} of their children became clients. ${c.wholePercent(c.share('newClients.byGender.female'))} per cent of the victims were women and girls.`,
        `About ${pctAges.map((a) => `${c.wholePercent(a.share)} per cent ${labels[a.g]}`).join(', ').replace(/, ([^,]*)$/, ' and $1')}.` +
          (older > 0 ? ` ${c.cap(c.words(older))} ${older === 1 ? 'client was' : 'clients were'} older.` : ''),
        `The new clients represented ${c.n(c.v('newClients.nationalities'))} nationalities.` +
          (top.length > 0 ? ` ${c.list(top)} were the most common nationalities.` : '') +
          (fiCount > 0 ? ` Finns were also among those exploited, ${c.n(fiCount)} persons in all (${c.pct(c.share('newClients.byNationality.FI'))}).` : '') +
          (fiCount > 0 ? ` ${abroad === 0 ? 'All of them had been exploited in Finland.' : `${c.cap(c.words(abroad))} had been exploited abroad, the others in Finland.`}` : '') +
          ` Of all new clients, ${c.n(c.v('newClients.minors'))} were minors.`,
      ];
      if (other && (other.value ?? 0) > 0) parts.push(`Other countries (${c.pct(other.share ?? 0)}) covers all nationalities with fewer than ${c.words(c.threshold)} persons.`);
      return parts;
    },
  },
  forms: {
    heading: 'Forms of exploitation',
    paragraphs: (c) => {
      const { women, men } = formsByMajority(c);
      const form = (f: string) => c.code('exploitationForm', f).toLocaleLowerCase('en');
      return [
        (women.length > 0 ? `The victims of ${c.list(women.map(form))} are most often women. ` : '') + (men.length > 0 ? `Men were at greater risk of becoming victims of ${c.list(men.map(form))}.` : ''),
        `There were ${c.n(c.v('newClients.victims'))} new clients, but ${c.n(c.v('exploitations.total'))} acts of trafficking in all were committed against them. Some clients have been subjected to more than one form of exploitation. The chart shows both primary and secondary forms of exploitation.`,
      ].filter((p) => p.trim() !== '');
    },
  },
  inFinland: {
    heading: 'Exploitation that took place in Finland',
    paragraphs: (c) => {
      const repeated = c.v('inFinland.repeatedVictims');
      const repeatedWomen = c.v('inFinland.repeatedVictims.byGender.female');
      const fl = c.v('inFinland.byForm.forced_labour');
      const industries = breakdown(c.figures, 'inFinland.forcedLabour.byIndustry').filter((e) => e.code !== 'other').slice(0, 5).map((e) => c.code('industry', e.code).toLocaleLowerCase('en'));
      const topNat = topNationalities(c, 'inFinland.byNationality', 1)[0];
      const fiNat = c.figures['inFinland.byNationality.FI'];
      const permits = c.share('inFinland.byResidenceStatusGroup.residence_permit');
      const rs = (code: string) => c.v(`inFinland.byResidenceStatus.${code}`);
      const asylum = rs('asylum_seeker');
      return [
        `In ${c.year}, ${c.n(c.v('inFinland.victims'))} cases of exploitation that took place in Finland came to light. ${c.n(c.v('inFinland.byGender.male'))} of the victims were men and ${c.n(c.v('inFinland.byGender.female'))} were women. They represented ${c.n(c.v('inFinland.nationalities'))} nationalities. They were subjected to ${c.n(c.v('inFinland.exploitations'))} acts of trafficking in all.` +
          (repeated > 0 ? ` Those subjected to trafficking repeatedly, or to several forms at once, were ${repeatedWomen === repeated ? 'women' : 'mostly women'} (${c.n(repeated)} persons).` : '') +
          ' The chart of the forms of exploitation shows both primary and secondary forms.',
        `The majority (${c.n(fl)} acts, ${c.pct(c.share('inFinland.byForm.forced_labour'))}) of those who became victims in Finland were victims of forced labour.` +
          (industries.length > 0 ? ` The most common industries were ${c.list(industries)}.` : '') +
          ` In ${c.year - 1}, there were ${c.n(c.v('previous.inFinland.forcedLabour.victims'))} victims of forced labour in Finland.`,
        (topNat ? `In ${c.year}, ${c.pct(topNat.share ?? 0)} of the victims in Finland were ${demonym(c, topNat.code)} (${c.n(topNat.value)} persons).` : '') +
          (fiNat && topNat?.code !== 'FI' ? ` Finnish citizens accounted for ${c.wholePercent(fiNat.share ?? 0)} per cent (${c.n(fiNat.value ?? 0)} persons).` : ''),
        `A victim of trafficking staying in Finland without a right of residence may be granted a reflection period of 1–6 months. The reflection period is a temporary right of residence during which staying in Finland is lawful. In ${c.year}, the Assistance System granted a reflection period to ${c.n(c.v('reflectionPeriods.granted'))} victims of trafficking.`,
        `The majority of those exploited had a residence permit in Finland (${c.pct(permits)}). Most had a seasonal work permit (${c.n(rs('seasonal_work_permit'))} persons), a residence permit for an employed person (${c.n(rs('worker_permit'))}) or a residence permit on family ties (${c.n(rs('family_permit'))} persons).`,
        `Of all victims in Finland, ${c.words(asylum)} persons were asylum seekers (${c.pct(c.share('inFinland.byResidenceStatus.asylum_seeker'))}) and ${c.n(rs('no_legal_residence'))} persons had no legal right of residence in Finland.`,
      ].filter((p) => p.trim() !== '');
    },
  },
  stock: {
    heading: (date) => `All clients on ${date}`,
    paragraphs: (c, refDate) => [
      `On ${refDate.endsWith('12-31') ? '31 December' : '30 June'} ${c.year}, the Assistance System had ${c.n(c.v('stock.clients'))} clients, of whom ${c.n(c.v('stock.byCategory.victim'))} were identified victims and ${c.n(c.v('stock.byCategory.child_of_victim'))} were minor children of victims. Among the victims were ${c.n(c.v('stock.victims.minors'))} children and ${c.n(c.v('stock.victims.admittedAsMinors'))} persons admitted to the system as minors. About ${c.wholePercent(c.share('stock.victims.byGender.female'))} per cent of the victims of trafficking were women.`,
    ],
  },
  charts: {
    applicationsByChannel: 'Applications by applicant',
    rejectionReasons: 'Reasons for negative decisions',
    endReasons: 'Reasons for ending the client relationship',
    byGender: 'New clients by gender',
    byAge: 'New clients by age group',
    byNationality: 'New clients by nationality',
    formsByGender: 'Forms of exploitation by gender',
    industries: 'Forced labour in Finland by industry',
    residenceStatus: 'Victims in Finland by residence status',
  },
};

export const OVERVIEW_TEXTS: Record<Language, OverviewTexts> = { sv, fi, en };
