/**
 * Code lists (domain.md section 4), helpline and decision codes (section 3), countries and
 * languages, and the date and age rules of section 5. Pure: no I/O, no clock, no Date objects;
 * every date is a plain 'YYYY-MM-DD' string.
 *
 * Codes are stable English identifiers stored in the database; labels are for display only.
 * An admin may add codes later, so functions taking a code accept any string.
 */

export type Language = 'fi' | 'sv' | 'en';
export const LANGUAGES = ['fi', 'sv', 'en'] as const satisfies readonly Language[];

export type Labels = Readonly<Record<Language, string>>;
type LabelsOf<C extends string> = Readonly<Record<C, Labels>>;

// ---------------------------------------------------------------------------------------------
// Code lists of domain.md section 4. Labels are transcribed as written there.

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: LabelsOf<Gender> = {
  female: { fi: 'nainen', sv: 'kvinna', en: 'female' },
  male: { fi: 'mies', sv: 'man', en: 'male' },
  other: { fi: 'muu', sv: 'annat', en: 'other' },
  unknown: { fi: 'ei tiedossa', sv: 'okänt', en: 'unknown' },
};

export const CLIENT_CATEGORIES = ['victim', 'child_of_victim', 'assists_investigation'] as const;
export type ClientCategory = (typeof CLIENT_CATEGORIES)[number];
export const CLIENT_CATEGORY_LABELS: LabelsOf<ClientCategory> = {
  victim: { fi: 'ihmiskaupan uhri', sv: 'offer för människohandel', en: 'victim of trafficking' },
  child_of_victim: { fi: 'uhrin alaikäinen lapsi', sv: 'offrets minderåriga barn', en: 'minor child of a victim' },
  assists_investigation: {
    fi: 'rikoksen selvittämisessä avustava',
    sv: 'bistår vid brottsutredningen',
    en: 'assists in the criminal investigation',
  },
};

export const APPLICATION_CHANNELS = [
  'self',
  'immigration_service',
  'reception_centre',
  'wellbeing_services_county',
  'police',
  'border_guard',
  'labour_inspection',
  'ngo',
  'legal_counsel',
  'health_care',
  'other_authority',
  'other',
] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];
export const APPLICATION_CHANNEL_LABELS: LabelsOf<ApplicationChannel> = {
  self: { fi: 'uhri itse', sv: 'offret själv', en: 'the victim' },
  immigration_service: { fi: 'Maahanmuuttovirasto', sv: 'Migrationsverket', en: 'Finnish Immigration Service' },
  reception_centre: { fi: 'vastaanottokeskus', sv: 'förläggning', en: 'reception centre' },
  wellbeing_services_county: { fi: 'hyvinvointialue', sv: 'välfärdsområde', en: 'wellbeing services county' },
  police: { fi: 'poliisi', sv: 'polisen', en: 'police' },
  border_guard: { fi: 'Rajavartiolaitos', sv: 'Gränsbevakningsväsendet', en: 'Border Guard' },
  labour_inspection: {
    fi: 'työsuojeluviranomainen',
    sv: 'arbetarskyddsmyndigheten',
    en: 'occupational safety and health authority',
  },
  ngo: { fi: 'järjestö', sv: 'organisation', en: 'non-governmental organisation' },
  legal_counsel: { fi: 'oikeusavustaja', sv: 'juridiskt biträde', en: 'legal counsel' },
  health_care: { fi: 'terveydenhuolto', sv: 'hälso- och sjukvården', en: 'health care' },
  other_authority: { fi: 'muu viranomainen', sv: 'annan myndighet', en: 'other authority' },
  other: { fi: 'muu', sv: 'annan', en: 'other' },
};

export const REJECTION_REASONS = ['no_need_for_assistance', 'not_trafficking', 'no_consent', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export const REJECTION_REASON_LABELS: LabelsOf<RejectionReason> = {
  no_need_for_assistance: { fi: 'ei avun tarvetta', sv: 'inget behov av hjälp', en: 'no need for assistance' },
  not_trafficking: { fi: 'ei ihmiskauppaa', sv: 'inte människohandel', en: 'not trafficking in human beings' },
  no_consent: { fi: 'ei suostumusta', sv: 'inget samtycke', en: 'no consent' },
  other: { fi: 'muu syy', sv: 'annat skäl', en: 'other reason' },
};

/** Clientship end reasons. */
export const END_REASONS = [
  'no_longer_needs_assistance',
  'left_country',
  'assisted_voluntary_return',
  'disappeared',
  'client_request',
  'deceased',
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];
export const END_REASON_LABELS: LabelsOf<EndReason> = {
  no_longer_needs_assistance: {
    fi: 'ei enää avun tarvetta',
    sv: 'behöver inte längre hjälp',
    en: 'no longer needs assistance',
  },
  left_country: { fi: 'poistunut maasta', sv: 'lämnat landet', en: 'left the country' },
  assisted_voluntary_return: {
    fi: 'avustettu vapaaehtoinen paluu',
    sv: 'frivillig återresa',
    en: 'assisted voluntary return',
  },
  disappeared: { fi: 'kadonnut', sv: 'försvunnit', en: 'disappeared' },
  client_request: { fi: 'asiakkaan pyyntö', sv: 'klientens begäran', en: "at the client's request" },
  deceased: { fi: 'kuollut', sv: 'avliden', en: 'deceased' },
  other: { fi: 'muu syy', sv: 'annat skäl', en: 'other reason' },
};

export const EXPLOITATION_FORMS = [
  'forced_labour',
  'sexual_exploitation',
  'forced_marriage',
  'criminal_activities',
  'begging',
  'organ_removal',
  'illegal_adoption',
  'surrogacy',
  'other',
] as const;
export type ExploitationForm = (typeof EXPLOITATION_FORMS)[number];
export const EXPLOITATION_FORM_LABELS: LabelsOf<ExploitationForm> = {
  forced_labour: { fi: 'pakkotyö', sv: 'tvångsarbete', en: 'forced labour' },
  sexual_exploitation: { fi: 'seksuaalinen hyväksikäyttö', sv: 'sexuellt utnyttjande', en: 'sexual exploitation' },
  forced_marriage: { fi: 'pakkoavioliitto', sv: 'tvångsäktenskap', en: 'forced marriage' },
  criminal_activities: {
    fi: 'rikolliseen toimintaan pakottaminen',
    sv: 'utnyttjande i brottslig verksamhet',
    en: 'exploitation in criminal activities',
  },
  begging: { fi: 'kerjäämään pakottaminen', sv: 'tvångstiggeri', en: 'forced begging' },
  organ_removal: { fi: 'elinten poisto', sv: 'organhandel', en: 'removal of organs' },
  illegal_adoption: { fi: 'laiton adoptio', sv: 'olaglig adoption', en: 'illegal adoption' },
  surrogacy: {
    fi: 'sijaissynnytyksen hyväksikäyttö',
    sv: 'utnyttjande av surrogatmoderskap',
    en: 'exploitation of surrogacy',
  },
  other: { fi: 'muu', sv: 'annan', en: 'other' },
};

/** Industries of labour exploitation. */
export const INDUSTRIES = [
  'forestry',
  'restaurant',
  'agriculture',
  'horticulture',
  'wild_berry_picking',
  'construction',
  'cleaning',
  'domestic_work',
  'transport',
  'beauty',
  'manufacturing',
  'retail',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];
export const INDUSTRY_LABELS: LabelsOf<Industry> = {
  forestry: {
    fi: 'metsä- ja puunkorjuuala',
    sv: 'skogsbruk och virkesavverkning',
    en: 'forestry and timber harvesting',
  },
  restaurant: { fi: 'ravintola-ala', sv: 'restaurangbranschen', en: 'restaurants' },
  agriculture: { fi: 'maatalous', sv: 'jordbruk', en: 'agriculture' },
  horticulture: { fi: 'puutarha-ala', sv: 'trädgårdsodling', en: 'horticulture' },
  wild_berry_picking: { fi: 'luonnonmarjojen poiminta', sv: 'bärplockning', en: 'wild berry picking' },
  construction: { fi: 'rakennusala', sv: 'byggnation', en: 'construction' },
  cleaning: { fi: 'siivousala', sv: 'städbranschen', en: 'cleaning' },
  domestic_work: { fi: 'kotitaloustyö', sv: 'hushållsarbete', en: 'domestic work' },
  transport: { fi: 'kuljetus ja logistiikka', sv: 'transport och logistik', en: 'transport and logistics' },
  beauty: { fi: 'kauneudenhoitoala', sv: 'skönhetsbranschen', en: 'beauty services' },
  manufacturing: { fi: 'teollisuus', sv: 'tillverkning', en: 'manufacturing' },
  retail: { fi: 'kauppa', sv: 'handel', en: 'retail' },
  other: { fi: 'muu', sv: 'annan', en: 'other' },
};

/** ISIC Rev.4 section letter of each industry, for exports. `other` has no section of its own. */
export const ISIC_SECTION: Readonly<Record<Industry, string | null>> = {
  forestry: 'A',
  restaurant: 'I',
  agriculture: 'A',
  horticulture: 'A',
  wild_berry_picking: 'A',
  construction: 'F',
  cleaning: 'N',
  domestic_work: 'T',
  transport: 'H',
  beauty: 'S',
  manufacturing: 'C',
  retail: 'G',
  other: null,
};

export const RESIDENCE_STATUSES = [
  'finnish_citizen',
  'eu_citizen',
  'seasonal_work_permit',
  'worker_permit',
  'family_permit',
  'student_permit',
  'international_protection',
  'temporary_protection',
  'other_permit',
  'asylum_seeker',
  'visa',
  'no_legal_residence',
  'unknown',
] as const;
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];
export const RESIDENCE_STATUS_LABELS: LabelsOf<ResidenceStatus> = {
  finnish_citizen: { fi: 'Suomen kansalainen', sv: 'finsk medborgare', en: 'Finnish citizen' },
  eu_citizen: { fi: 'EU-kansalainen', sv: 'EU-medborgare', en: 'EU or EEA citizen' },
  seasonal_work_permit: { fi: 'kausityölupa', sv: 'säsongsarbetstillstånd', en: 'seasonal work permit' },
  worker_permit: {
    fi: 'työntekijän oleskelulupa',
    sv: 'uppehållstillstånd för arbetstagare',
    en: 'residence permit for an employed person',
  },
  family_permit: {
    fi: 'perhesiteen perusteella myönnetty oleskelulupa',
    sv: 'uppehållstillstånd på grund av familjeband',
    en: 'residence permit on family ties',
  },
  student_permit: {
    fi: 'opiskelijan oleskelulupa',
    sv: 'uppehållstillstånd för studier',
    en: 'residence permit for studies',
  },
  international_protection: {
    fi: 'kansainvälinen suojelu',
    sv: 'internationellt skydd',
    en: 'international protection',
  },
  temporary_protection: { fi: 'tilapäinen suojelu', sv: 'tillfälligt skydd', en: 'temporary protection' },
  other_permit: { fi: 'muu oleskelulupa', sv: 'annat uppehållstillstånd', en: 'other residence permit' },
  asylum_seeker: { fi: 'turvapaikanhakija', sv: 'asylsökande', en: 'asylum seeker' },
  visa: {
    fi: 'viisumi tai viisumivapaa oleskelu',
    sv: 'visum eller visumfri vistelse',
    en: 'visa or visa-free stay',
  },
  no_legal_residence: {
    fi: 'ei laillista oleskeluoikeutta',
    sv: 'utan laglig uppehållsrätt',
    en: 'no legal right of residence',
  },
  unknown: { fi: 'ei tiedossa', sv: 'okänt', en: 'unknown' },
};

export const SERVICE_TYPES = [
  'counselling',
  'social_services',
  'health_services',
  'reception_allowance',
  'social_assistance',
  'safe_accommodation',
  'interpretation',
  'legal_counselling',
  'assisted_voluntary_return',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABELS: LabelsOf<ServiceType> = {
  counselling: { fi: 'neuvonta ja ohjaus', sv: 'rådgivning och handledning', en: 'counselling and guidance' },
  social_services: { fi: 'sosiaalipalvelut', sv: 'socialtjänster', en: 'social services' },
  health_services: { fi: 'terveyspalvelut', sv: 'hälso- och sjukvårdstjänster', en: 'health services' },
  reception_allowance: { fi: 'vastaanottoraha', sv: 'mottagningspenning', en: 'reception allowance' },
  social_assistance: { fi: 'toimeentulotuki', sv: 'utkomststöd', en: 'social assistance' },
  safe_accommodation: { fi: 'turvallinen majoitus', sv: 'trygg inkvartering', en: 'safe accommodation' },
  interpretation: {
    fi: 'tulkkaus ja käännökset',
    sv: 'tolkning och översättning',
    en: 'interpretation and translation',
  },
  legal_counselling: { fi: 'oikeudellinen neuvonta', sv: 'juridisk rådgivning', en: 'legal advice and assistance' },
  assisted_voluntary_return: {
    fi: 'tuettu vapaaehtoinen paluu',
    sv: 'stöd för frivillig återresa',
    en: 'assisted voluntary return',
  },
  other: { fi: 'muu', sv: 'annan', en: 'other' },
};

// domain.md gives only the codes of service providers; the labels follow the wording of the
// channel list where the same organisation appears there.
export const SERVICE_PROVIDERS = ['wellbeing_services_county', 'reception_centre', 'ngo', 'private_provider', 'other'] as const;
export type ServiceProvider = (typeof SERVICE_PROVIDERS)[number];
export const SERVICE_PROVIDER_LABELS: LabelsOf<ServiceProvider> = {
  wellbeing_services_county: { fi: 'hyvinvointialue', sv: 'välfärdsområde', en: 'wellbeing services county' },
  reception_centre: { fi: 'vastaanottokeskus', sv: 'förläggning', en: 'reception centre' },
  ngo: { fi: 'järjestö', sv: 'organisation', en: 'non-governmental organisation' },
  private_provider: { fi: 'yksityinen palveluntuottaja', sv: 'privat tjänsteproducent', en: 'private service provider' },
  other: { fi: 'muu', sv: 'annan', en: 'other' },
};

// ---------------------------------------------------------------------------------------------
// Helpline contacts, applications and decisions (domain.md section 3).

export const HELPLINE_CHANNELS = ['phone', 'email', 'chat', 'other'] as const;
export type HelplineChannel = (typeof HELPLINE_CHANNELS)[number];
export const HELPLINE_CHANNEL_LABELS: LabelsOf<HelplineChannel> = {
  phone: { fi: 'puhelin', sv: 'telefon', en: 'phone' },
  email: { fi: 'sähköposti', sv: 'e-post', en: 'e-mail' },
  chat: { fi: 'chat', sv: 'chatt', en: 'chat' },
  other: { fi: 'muu', sv: 'annan', en: 'other' },
};

export const HELPLINE_CALLERS = ['possible_victim', 'professional', 'relative_or_friend', 'other'] as const;
export type HelplineCaller = (typeof HELPLINE_CALLERS)[number];
export const HELPLINE_CALLER_LABELS: LabelsOf<HelplineCaller> = {
  possible_victim: { fi: 'mahdollinen uhri', sv: 'möjligt offer', en: 'possible victim' },
  professional: { fi: 'ammattilainen', sv: 'yrkesperson', en: 'professional' },
  relative_or_friend: { fi: 'omainen tai ystävä', sv: 'anhörig eller vän', en: 'relative or friend' },
  other: { fi: 'muu', sv: 'annan', en: 'other' },
};

export const HELPLINE_OUTCOMES = ['advice_given', 'referred_elsewhere', 'application_started'] as const;
export type HelplineOutcome = (typeof HELPLINE_OUTCOMES)[number];
export const HELPLINE_OUTCOME_LABELS: LabelsOf<HelplineOutcome> = {
  advice_given: { fi: 'neuvonta annettu', sv: 'rådgivning given', en: 'advice given' },
  referred_elsewhere: { fi: 'ohjattu muualle', sv: 'hänvisad vidare', en: 'referred elsewhere' },
  application_started: { fi: 'hakemus vireille', sv: 'ansökan inledd', en: 'application started' },
};

// Topics are codes, not free text, so that an anonymous contact stays anonymous.
export const HELPLINE_TOPICS = [
  'identifying_trafficking',
  'assistance_services',
  'residence',
  'working_conditions',
  'sexual_exploitation',
  'safety',
  'legal_questions',
  'other',
] as const;
export type HelplineTopic = (typeof HELPLINE_TOPICS)[number];
export const HELPLINE_TOPIC_LABELS: LabelsOf<HelplineTopic> = {
  identifying_trafficking: { fi: 'ihmiskaupan tunnistaminen', sv: 'att känna igen människohandel', en: 'identifying trafficking' },
  assistance_services: { fi: 'auttamisjärjestelmän palvelut', sv: 'hjälpsystemets tjänster', en: 'services of the assistance system' },
  residence: { fi: 'oleskelulupa ja maassa oleskelu', sv: 'uppehållstillstånd och vistelse', en: 'residence permit and stay' },
  working_conditions: { fi: 'työolot ja palkka', sv: 'arbetsvillkor och lön', en: 'working conditions and pay' },
  sexual_exploitation: { fi: 'seksuaalinen hyväksikäyttö', sv: 'sexuellt utnyttjande', en: 'sexual exploitation' },
  safety: { fi: 'turvallisuus ja uhka', sv: 'säkerhet och hot', en: 'safety and threats' },
  legal_questions: { fi: 'oikeudelliset kysymykset', sv: 'juridiska frågor', en: 'legal questions' },
  other: { fi: 'muu', sv: 'annat', en: 'other' },
};

export const APPEAL_OUTCOMES = ['pending', 'upheld', 'overturned', 'returned', 'withdrawn'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];
export const APPEAL_OUTCOME_LABELS: LabelsOf<AppealOutcome> = {
  pending: { fi: 'vireillä', sv: 'anhängig', en: 'pending' },
  upheld: { fi: 'päätös pysyy', sv: 'beslutet står fast', en: 'decision upheld' },
  overturned: { fi: 'päätös kumottu', sv: 'beslutet upphävt', en: 'decision overturned' },
  returned: { fi: 'palautettu uudelleen käsiteltäväksi', sv: 'återförvisat', en: 'returned for new consideration' },
  withdrawn: { fi: 'valitus peruttu', sv: 'besvären återkallade', en: 'appeal withdrawn' },
};

export const APPLICATION_STATUSES = ['received', 'under_assessment', 'decided', 'withdrawn', 'lapsed'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: LabelsOf<ApplicationStatus> = {
  received: { fi: 'vastaanotettu', sv: 'mottagen', en: 'received' },
  under_assessment: { fi: 'arvioitavana', sv: 'under bedömning', en: 'under assessment' },
  decided: { fi: 'ratkaistu', sv: 'avgjord', en: 'decided' },
  withdrawn: { fi: 'peruttu', sv: 'återtagen', en: 'withdrawn' },
  lapsed: { fi: 'rauennut', sv: 'förfallen', en: 'lapsed' },
};

export const DECISION_KINDS = ['admission', 'rejection', 'reflection_period', 'extension', 'termination'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
// Finnish and Swedish follow the wording of the Reception Act (auttamisjärjestelmään ottaminen,
// harkinta-aika / betänketid, auttamisjärjestelmästä poistaminen).
export const DECISION_KIND_LABELS: LabelsOf<DecisionKind> = {
  admission: {
    fi: 'auttamisjärjestelmään ottaminen',
    sv: 'antagning till hjälpsystemet',
    en: 'admission to the assistance system',
  },
  rejection: { fi: 'kielteinen päätös', sv: 'avslag', en: 'rejection' },
  reflection_period: { fi: 'harkinta-aika', sv: 'betänketid', en: 'reflection period' },
  extension: {
    fi: 'harkinta-ajan jatkaminen',
    sv: 'förlängning av betänketiden',
    en: 'extension of the reflection period',
  },
  termination: {
    fi: 'auttamisjärjestelmästä poistaminen',
    sv: 'avförande ur hjälpsystemet',
    en: 'ending the assistance',
  },
};

/** Age groups of the statistics (statistics.md `newClients.byAgeGroup`). */
export const AGE_GROUPS = ['under_18', '18_29', '30_39', '40_49', '50_59', '60_plus'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const AGE_GROUP_LABELS: LabelsOf<AgeGroup> = {
  under_18: { fi: 'alle 18', sv: 'under 18', en: 'under 18' },
  '18_29': { fi: '18–29', sv: '18–29', en: '18–29' },
  '30_39': { fi: '30–39', sv: '30–39', en: '30–39' },
  '40_49': { fi: '40–49', sv: '40–49', en: '40–49' },
  '50_59': { fi: '50–59', sv: '50–59', en: '50–59' },
  '60_plus': { fi: '60 tai yli', sv: '60 eller äldre', en: '60 and over' },
};

// ---------------------------------------------------------------------------------------------
// Report groups.

export const CHANNEL_GROUPS = {
  /** "Migri and its reception centres". */
  migri: ['immigration_service', 'reception_centre'],
} as const satisfies Record<string, readonly ApplicationChannel[]>;

export const END_REASON_GROUPS = {
  /** "Disappeared or left the country". */
  left_or_disappeared: ['left_country', 'assisted_voluntary_return', 'disappeared'],
} as const satisfies Record<string, readonly EndReason[]>;

/** "Had a residence permit": the seven `*_permit` and `*_protection` statuses. */
export const RESIDENCE_PERMIT_STATUSES = [
  'seasonal_work_permit',
  'worker_permit',
  'family_permit',
  'student_permit',
  'international_protection',
  'temporary_protection',
  'other_permit',
] as const satisfies readonly ResidenceStatus[];

/** No right of residence: the only statuses that allow a reflection period (domain.md section 5). */
export const NO_RIGHT_OF_RESIDENCE_STATUSES = [
  'asylum_seeker',
  'visa',
  'no_legal_residence',
  'unknown',
] as const satisfies readonly ResidenceStatus[];

// ---------------------------------------------------------------------------------------------
// Generic access, so the UI and reports can iterate the lists.

export interface CodeList<C extends string = string> {
  readonly codes: readonly C[];
  readonly labels: LabelsOf<C>;
}

export const CODE_LISTS = {
  gender: { codes: GENDERS, labels: GENDER_LABELS },
  clientCategory: { codes: CLIENT_CATEGORIES, labels: CLIENT_CATEGORY_LABELS },
  applicationChannel: { codes: APPLICATION_CHANNELS, labels: APPLICATION_CHANNEL_LABELS },
  rejectionReason: { codes: REJECTION_REASONS, labels: REJECTION_REASON_LABELS },
  endReason: { codes: END_REASONS, labels: END_REASON_LABELS },
  exploitationForm: { codes: EXPLOITATION_FORMS, labels: EXPLOITATION_FORM_LABELS },
  industry: { codes: INDUSTRIES, labels: INDUSTRY_LABELS },
  residenceStatus: { codes: RESIDENCE_STATUSES, labels: RESIDENCE_STATUS_LABELS },
  serviceType: { codes: SERVICE_TYPES, labels: SERVICE_TYPE_LABELS },
  serviceProvider: { codes: SERVICE_PROVIDERS, labels: SERVICE_PROVIDER_LABELS },
  helplineChannel: { codes: HELPLINE_CHANNELS, labels: HELPLINE_CHANNEL_LABELS },
  helplineCaller: { codes: HELPLINE_CALLERS, labels: HELPLINE_CALLER_LABELS },
  helplineOutcome: { codes: HELPLINE_OUTCOMES, labels: HELPLINE_OUTCOME_LABELS },
  helplineTopic: { codes: HELPLINE_TOPICS, labels: HELPLINE_TOPIC_LABELS },
  appealOutcome: { codes: APPEAL_OUTCOMES, labels: APPEAL_OUTCOME_LABELS },
  applicationStatus: { codes: APPLICATION_STATUSES, labels: APPLICATION_STATUS_LABELS },
  decisionKind: { codes: DECISION_KINDS, labels: DECISION_KIND_LABELS },
  ageGroup: { codes: AGE_GROUPS, labels: AGE_GROUP_LABELS },
} as const satisfies Record<string, CodeList>;

export type CodeListName = keyof typeof CODE_LISTS;
export const CODE_LIST_NAMES = Object.keys(CODE_LISTS) as CodeListName[];

/** The code's label, or the code itself when the list does not know it (e.g. a newer code). */
export function codeLabel(list: CodeListName, code: string, lang: Language): string {
  const labels: Readonly<Record<string, Labels>> = CODE_LISTS[list].labels;
  // Object.hasOwn keeps codes like 'constructor' from reaching the prototype.
  return Object.hasOwn(labels, code) ? (labels[code]?.[lang] ?? code) : code;
}

/** Whether `code` belongs to the list. */
export function isCode(list: CodeListName, code: string): boolean {
  return (CODE_LISTS[list].codes as readonly string[]).includes(code);
}

// ---------------------------------------------------------------------------------------------
// Countries (ISO 3166-1 alpha-2) and languages (ISO 639-1), named through Intl.

export const STATELESS = 'XX';
export const UNKNOWN_COUNTRY = 'ZZ';

const SPECIAL_COUNTRY_LABELS: Readonly<Record<string, Labels>> = {
  [STATELESS]: { fi: 'kansalaisuudeton', sv: 'statslös', en: 'stateless' },
  [UNKNOWN_COUNTRY]: { fi: 'ei tiedossa', sv: 'okänd', en: 'unknown' },
};

// Region codes Intl names that are not countries of nationality: groupings (EU, UN, eurozone,
// outlying Oceania), pseudo-regions for testing (XA, XB) and ISO "exceptionally reserved" parts
// of other countries (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, Canary
// Islands, Tristan da Cunha). XK (Kosovo) is kept: it is in common use for Kosovar nationals.
const NOT_COUNTRIES: ReadonlySet<string> = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA']);

const regionNames = new Map<Language, Intl.DisplayNames>();
const languageNames = new Map<Language, Intl.DisplayNames>();

function displayNames(cache: Map<Language, Intl.DisplayNames>, type: 'region' | 'language', lang: Language): Intl.DisplayNames {
  let names = cache.get(lang);
  if (!names) {
    // fallback 'none' makes unknown codes come back undefined rather than echoed.
    names = new Intl.DisplayNames([lang], { type, fallback: 'none' });
    cache.set(lang, names);
  }
  return names;
}

function intlName(type: 'region' | 'language', code: string, lang: Language): string | undefined {
  try {
    return displayNames(type === 'region' ? regionNames : languageNames, type, lang).of(code);
  } catch {
    // RangeError for a malformed code.
    return undefined;
  }
}

/** Whether Intl canonicalises the subtag to itself; deprecated codes (SU, YU, iw, mo) map elsewhere. */
function isCanonical(tag: string, expected: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag)[0] === expected;
  } catch {
    return false;
  }
}

/** True for XX, ZZ and current ISO 3166-1 alpha-2 country codes (upper case) that Intl can name. */
export function isCountryCode(code: string): boolean {
  if (code === STATELESS || code === UNKNOWN_COUNTRY) return true;
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  return intlName('region', code, 'en') !== undefined && isCanonical(`und-${code}`, `und-${code}`);
}

/** Name of a country in the given language; the code itself when unknown. */
export function countryName(iso2: string, lang: Language): string {
  const special = SPECIAL_COUNTRY_LABELS[iso2];
  if (special) return special[lang];
  return intlName('region', iso2, lang) ?? iso2;
}

/** True for two lower-case letters that Intl knows as a current (non-deprecated) language. */
export function isLanguageCode(code: string): boolean {
  if (!/^[a-z]{2}$/.test(code)) return false;
  return intlName('language', code, 'en') !== undefined && isCanonical(code, code);
}

/** Name of a language (ISO 639-1) in the given language; the code itself when unknown. */
export function languageName(iso639_1: string, lang: Language): string {
  return intlName('language', iso639_1, lang) ?? iso639_1;
}

// ---------------------------------------------------------------------------------------------
// Dates: plain 'YYYY-MM-DD' strings, compared as strings (valid ones sort chronologically).

interface YMD {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseDateParts(date: string): YMD | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Year 0000 is refused: PostgreSQL's calendar has no year 0.
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether the string is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(date: string): boolean {
  return parseDateParts(date) !== null;
}

function parseDate(date: string): YMD {
  const parts = parseDateParts(date);
  if (!parts) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return parts;
}

function formatDate({ year, month, day }: YMD): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Calendar months later (or earlier, when negative), clamped to the end of a shorter month:
 * 2025-01-31 + 1 month = 2025-02-28.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  if (newYear < 0 || newYear > 9999) throw new RangeError(`Date out of range: ${date} + ${months} months`);
  return formatDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** Calendar days later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  const { year, month, day } = parseDate(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() });
}

// ---------------------------------------------------------------------------------------------
// Age (domain.md section 5): whole years on the reference date.

export const AGE_OF_MAJORITY = 18;

/**
 * Whole years of age on `on`. A 29 February birthday counts as reached on 1 March in common
 * years. Negative when `on` is before the birth date, which callers should treat as bad data.
 */
export function ageOn(birthDate: string, on: string): number {
  const birth = parseDate(birthDate);
  const ref = parseDate(on);
  const birthdayReached = ref.month > birth.month || (ref.month === birth.month && ref.day >= birth.day);
  return ref.year - birth.year - (birthdayReached ? 0 : 1);
}

/**
 * Age from the birth year and month only (what is kept when the full birth date is not).
 * Exact only when `on` is the last day of a month — then everyone born in that month or earlier
 * in the year has had their birthday — so null on any other day. Also null on 28 February of a
 * common year for someone born in February of a leap year, who may have a 29 February birthday.
 */
export function ageOnFromYearMonth(birthYear: number, birthMonth: number, on: string): number | null {
  if (!Number.isInteger(birthYear) || !Number.isInteger(birthMonth) || birthMonth < 1 || birthMonth > 12) {
    throw new RangeError(`Not a birth year and month: ${birthYear}-${birthMonth}`);
  }
  const ref = parseDate(on);
  if (ref.day !== daysInMonth(ref.year, ref.month)) return null;
  if (birthMonth === 2 && ref.month === 2 && isLeapYear(birthYear) && !isLeapYear(ref.year)) return null;
  return ref.year - birthYear - (birthMonth <= ref.month ? 0 : 1);
}

/** A minor is under 18. */
export function isMinor(age: number): boolean {
  return age < AGE_OF_MAJORITY;
}

export function ageGroup(age: number): AgeGroup {
  if (!Number.isFinite(age)) throw new RangeError(`Not an age: ${age}`);
  if (age < 18) return 'under_18';
  if (age < 30) return '18_29';
  if (age < 40) return '30_39';
  if (age < 50) return '40_49';
  if (age < 60) return '50_59';
  return '60_plus';
}

// ---------------------------------------------------------------------------------------------
// Reflection period (domain.md section 5): 1 to 6 months, only without a right of residence.

export const REFLECTION_PERIOD_MIN_MONTHS = 1;
export const REFLECTION_PERIOD_MAX_MONTHS = 6;

export type ReflectionPeriodProblem = 'too_short' | 'too_long' | 'end_before_start';

/**
 * What is wrong with a reflection period from `start` to `end`, or null when it is valid.
 * Valid means addMonths(start, 1) <= end <= addMonths(start, 6), with month-end clamping:
 * from 2025-01-15 the end may be 2025-02-15 … 2025-07-15; from 2025-08-31, 2025-09-30 … 2026-02-28.
 * An end on the start day itself is too short, not before the start.
 */
export function reflectionPeriodProblem(start: string, end: string): ReflectionPeriodProblem | null {
  parseDate(start);
  parseDate(end);
  if (end < start) return 'end_before_start';
  if (end < addMonths(start, REFLECTION_PERIOD_MIN_MONTHS)) return 'too_short';
  if (end > addMonths(start, REFLECTION_PERIOD_MAX_MONTHS)) return 'too_long';
  return null;
}

/** Only a person without a right of residence may be granted a reflection period. */
export function mayHaveReflectionPeriod(residenceStatus: string): boolean {
  return (NO_RIGHT_OF_RESIDENCE_STATUSES as readonly string[]).includes(residenceStatus);
}
