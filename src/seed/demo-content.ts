import type {
  ActionStatus,
  BodyKind,
  MemberRole,
  contactPreferences,
  dayParts,
  domainApproaches,
  domainStates,
  indicatorKinds,
  initiativeStates,
  meetingStates,
  phaseStates,
  qualityCriteria,
  roadmapPhases,
  sectors,
  sevenB,
} from '../shared/enums';
import { demoTenants, demoUsers } from './demo-ids';

/*
 * The demo municipalities as plain data. Everything that depends on "today" is written as a
 * day offset (negative = in the past) so that the demo always has overdue actions, due dates
 * coming up and meetings ahead, whenever it is loaded. People, domains, bodies and objectives
 * are referred to by a local key; demo-seed.ts turns keys into database ids.
 * All names, phone numbers and e-mail addresses are fictional (.example domains, +32 470 00 00 xx).
 */

type Sector = (typeof sectors)[number];
type ContactPreference = (typeof contactPreferences)[number];
type DomainApproach = (typeof domainApproaches)[number];
type DomainState = (typeof domainStates)[number];
type IndicatorKind = (typeof indicatorKinds)[number];
type InitiativeState = (typeof initiativeStates)[number];
type MeetingState = (typeof meetingStates)[number];
type DayPart = (typeof dayParts)[number];
type SevenB = (typeof sevenB)[number];
type QualityCriterion = (typeof qualityCriteria)[number];
type RoadmapPhase = (typeof roadmapPhases)[number];
type PhaseState = (typeof phaseStates)[number];

export type SmartCheck = 'specific' | 'measurable' | 'agreed' | 'realistic' | 'timeBound';

export interface PersonSeed {
  key: string;
  displayName: string;
  /** Only for demo users who sign in to Teams; parents and many partners have no account. */
  entraObjectId?: string;
  email?: string;
  phone?: string;
  organisation?: string;
  sector?: Sector;
  contactPreference?: ContactPreference;
  /** Key of the person who reminds them before and checks in after a meeting. */
  trustedPerson?: string;
}

export interface BodySeed {
  key: string;
  kind: BodyKind;
  name: string;
  domain?: string;
  members: ReadonlyArray<readonly [person: string, role: MemberRole]>;
}

export interface DomainSeed {
  key: string;
  name: string;
  description: string;
  approach: DomainApproach;
  state: DomainState;
}

export interface OperationalSeed {
  key: string;
  title: string;
  description: string;
  /** SMART checks that are NOT yet met; everything else counts as checked. */
  missing?: readonly SmartCheck[];
  targetDate?: string;
}

export interface StrategicSeed {
  domain: string;
  title: string;
  description: string;
  operational: readonly OperationalSeed[];
}

export interface UpdateSeed {
  daysAgo: number;
  author: string;
  note: string;
  statusFrom?: ActionStatus;
  statusTo?: ActionStatus;
  /** Due-date change as day offsets from today; null = no due date. */
  dueFrom?: number | null;
  dueTo?: number | null;
}

export interface IndicatorSeed {
  kind: IndicatorKind;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  measurements: ReadonlyArray<readonly [daysAgo: number, value: number, note?: string]>;
}

export interface ActionSeed {
  objective: string;
  title: string;
  description: string;
  owner?: string;
  partners: readonly string[];
  /** Day offsets from today. */
  start?: number;
  due?: number;
  status: ActionStatus;
  means: string;
  budget?: number;
  intendedResult: string;
  expectedResult: string;
  evaluationMethod: string;
  sevenB: readonly SevenB[];
  updates?: readonly UpdateSeed[];
  indicators?: readonly IndicatorSeed[];
}

export interface InitiativeSeed {
  name: string;
  description: string;
  state: InitiativeState;
  partner: string;
  domain?: string;
  objective?: string;
}

export interface MeetingSeed {
  body: string;
  title: string;
  /** Day offset; moved to the next weekday when it falls in a weekend. */
  inDays: number;
  from: string;
  until: string;
  location: string;
  online?: boolean;
  dayPart: DayPart;
  state: MeetingState;
}

export interface TrajectorySeed {
  name: string;
  municipality: string;
  periodStart: string;
  periodEnd: string;
  mission: string;
  vision: string;
  qualityCriteria: readonly QualityCriterion[];
  phaseProgress: Readonly<Record<RoadmapPhase, PhaseState>>;
  reminderDaysBefore: number;
}

export interface TenantSeed {
  tenant: { id: string; name: string };
  /** Kansrijk administrators (ICT): they start trajectories and link sign-ins; no trajectory role. */
  admins: readonly { entraObjectId: string; displayName: string }[];
  trajectory: TrajectorySeed;
  people: readonly PersonSeed[];
  domains: readonly DomainSeed[];
  bodies: readonly BodySeed[];
  objectives: readonly StrategicSeed[];
  actions: readonly ActionSeed[];
  initiatives: readonly InitiativeSeed[];
  meetings: readonly MeetingSeed[];
}

const SOCIAAL_HUIS = 'Sociaal Huis Beekvliet, Kerkstraat 12, zaal De Linde';

// ---------------------------------------------------------------------------------------------
// Gemeente Beekvliet: a trajectory in full swing (work groups running, first actions finished).
// ---------------------------------------------------------------------------------------------

const beekvlietPeople: readonly PersonSeed[] = [
  {
    key: 'lotte',
    displayName: 'Lotte Peeters',
    entraObjectId: demoUsers.coordinator,
    email: 'lotte.peeters@beekvliet.example',
    organisation: 'Gemeente en OCMW Beekvliet, lokale coördinator kinderarmoede',
    sector: 'gemeentelijke_partners',
  },
  {
    key: 'marc',
    displayName: 'Marc Wouters',
    entraObjectId: demoUsers.chair,
    email: 'marc.wouters@beekvliet.example',
    organisation: 'Voorzitter Bijzonder Comité voor de Sociale Dienst (OCMW-voorzitter)',
    sector: 'gemeentelijke_partners',
  },
  {
    key: 'ines',
    displayName: 'Ines Vermeulen',
    entraObjectId: demoUsers.facilitator,
    email: 'ines@vermeulen-procesbegeleiding.example',
    organisation: 'Vermeulen Procesbegeleiding (externe begeleider)',
  },
  {
    key: 'karim',
    displayName: 'Karim El Amrani',
    entraObjectId: demoUsers.aldermanEducation,
    email: 'karim.elamrani@beekvliet.example',
    organisation: 'Schepen van onderwijs, jeugd en vrije tijd',
    sector: 'gemeentelijke_partners',
    contactPreference: 'email',
  },
  {
    key: 'griet',
    displayName: 'Griet Janssens',
    entraObjectId: demoUsers.aldermanWelfare,
    email: 'griet.janssens@beekvliet.example',
    organisation: 'Schepen van welzijn, gezin en wonen',
    sector: 'gemeentelijke_partners',
    contactPreference: 'email',
  },
  {
    key: 'sofie',
    displayName: 'Sofie Claes',
    entraObjectId: demoUsers.workGroupChair,
    email: 'sofie.claes@beekvliet.example',
    organisation: 'Gemeente Beekvliet, beleidsmedewerker onderwijs (LOKO)',
    sector: 'gemeentelijke_partners',
  },
  {
    key: 'tom',
    displayName: 'Tom Maes',
    entraObjectId: demoUsers.actionOwner,
    email: 'tom.maes@beekvliet.example',
    phone: '+32 470 00 00 07',
    organisation: 'Gemeente Beekvliet, vrijetijdsdienst (jeugd en sport)',
    sector: 'gemeentelijke_partners',
  },
  {
    key: 'hilde',
    displayName: 'Hilde Goossens',
    entraObjectId: demoUsers.steeringMember,
    email: 'hilde.goossens@caw-kempenrand.example',
    organisation: 'CAW Kempenrand, onthaal en gezinswerking',
    sector: 'welzijnspartners',
  },
  // Municipal staff without a Teams account in the demo tenant: they get mail instead.
  {
    key: 'annelies',
    displayName: 'Annelies Wuyts',
    email: 'annelies.wuyts@beekvliet.example',
    organisation: 'OCMW Beekvliet, diensthoofd sociale dienst',
    sector: 'gemeentelijke_partners',
    contactPreference: 'email',
  },
  {
    key: 'elke',
    displayName: 'Elke Mertens',
    email: 'elke.mertens@beekvliet.example',
    organisation: 'Huis van het Kind Beekvliet, coördinator',
    sector: 'gezin',
    contactPreference: 'email',
  },
  {
    key: 'pieter',
    displayName: 'Pieter Verstraeten',
    email: 'pieter.verstraeten@beekvliet.example',
    organisation: 'Bibliotheek Beekvliet',
    sector: 'gemeentelijke_partners',
    contactPreference: 'email',
  },
  {
    key: 'joris',
    displayName: 'Joris Van Damme',
    email: 'joris.vandamme@beekvliet.example',
    organisation: 'Gemeente Beekvliet, dienst patrimonium',
    sector: 'gemeentelijke_partners',
    contactPreference: 'email',
  },
  // External partners from several sectors.
  {
    key: 'sarah',
    displayName: 'Sarah De Clercq',
    email: 'sarah.declercq@opgroeien.example',
    organisation: 'Opgroeien (Kind en Gezin), regioteam',
    sector: 'gezin',
    contactPreference: 'email',
  },
  {
    key: 'koen',
    displayName: 'Koen Jacobs',
    email: 'directie@bs-deregenboog.example',
    phone: '+32 470 00 00 21',
    organisation: 'Basisschool De Regenboog, directeur',
    sector: 'onderwijs_en_vorming',
    contactPreference: 'email',
  },
  {
    key: 'jan',
    displayName: 'Jan Vos',
    email: 'jan.vos@clb-kempenrand.example',
    organisation: 'CLB Kempenrand',
    sector: 'onderwijs_en_vorming',
    contactPreference: 'email',
  },
  {
    key: 'rita',
    displayName: 'Rita Van Acker',
    phone: '+32 470 00 00 22',
    organisation: "Welzijnsschakel 't Trefpunt, voorzitter",
    sector: 'welzijnspartners',
    contactPreference: 'phone',
  },
  {
    key: 'dirk',
    displayName: 'Dirk Hermans',
    phone: '+32 470 00 00 23',
    organisation: 'Sportclub KSV Beekvliet, jeugdcoördinator',
    sector: 'wonen_en_leven',
    contactPreference: 'phone',
  },
  {
    key: 'veerle',
    displayName: 'Veerle Smets',
    email: 'veerle.smets@woonbeekdal.example',
    organisation: 'Woonmaatschappij Beekdal, sociaal beheer',
    sector: 'wonen_en_leven',
    contactPreference: 'email',
  },
  {
    key: 'liesbeth',
    displayName: 'Liesbeth Aerts',
    email: 'liesbeth.aerts@ziekenfonds-regio.example',
    organisation: 'Ziekenfonds, dienst maatschappelijk werk',
    sector: 'gezondheid',
    contactPreference: 'email',
  },
  {
    key: 'nathalie',
    displayName: 'Nathalie Dewitte',
    email: 'nathalie@hetnestje.example',
    phone: '+32 470 00 00 24',
    organisation: 'Kinderdagverblijf Het Nestje',
    sector: 'gezin',
    contactPreference: 'phone',
  },
  // Parents: no Teams account; Nadia calls or texts them the day before each meeting.
  {
    key: 'kelly',
    displayName: 'Kelly Verbeeck',
    phone: '+32 470 00 00 01',
    sector: 'ervaringsdeskundigen',
    contactPreference: 'sms',
    trustedPerson: 'nadia',
  },
  {
    key: 'samira',
    displayName: 'Samira Haddou',
    phone: '+32 470 00 00 02',
    email: 'samira.h@mail.example',
    sector: 'ervaringsdeskundigen',
    contactPreference: 'phone',
    trustedPerson: 'nadia',
  },
  {
    key: 'dimitri',
    displayName: 'Dimitri Pauwels',
    phone: '+32 470 00 00 03',
    sector: 'ervaringsdeskundigen',
    contactPreference: 'via_trusted_person',
    trustedPerson: 'nadia',
  },
  // Their contact person: a volunteer of the welzijnsschakel whom the parents already trust.
  {
    key: 'nadia',
    displayName: 'Nadia Benali',
    entraObjectId: demoUsers.trustedPerson,
    email: 'nadia.benali@trefpunt-beekvliet.example',
    phone: '+32 470 00 00 09',
    organisation: "Welzijnsschakel 't Trefpunt",
    sector: 'welzijnspartners',
    contactPreference: 'teams',
  },
];

const beekvlietDomains: readonly DomainSeed[] = [
  {
    key: 'onderwijs',
    name: 'Onderwijs en vrije tijd',
    description:
      'Schoolkosten en drempels naar sport, jeugdwerk en cultuur wegwerken, zodat elk kind mee kan op school en na school. Structurele aanpak: regels en tarieven aanpassen in plaats van geval per geval bij te springen.',
    approach: 'structural',
    state: 'active',
  },
  {
    key: 'inkomen',
    name: 'Inkomen en gezondheid',
    description:
      'Gezinnen sneller aan hun rechten helpen en de kosten van zorg voor kinderen verlichten. Deze werkgroep milderde eerst de gevolgen van een krap budget; de automatische toekenning van rechten groeit uit tot een structurele maatregel.',
    approach: 'mitigating',
    state: 'active',
  },
  {
    key: 'opvang',
    name: 'Kinderopvang en opvoeding',
    description:
      'Meer betaalbare opvangplaatsen dicht bij huis en laagdrempelige steun bij het opvoeden, vanaf de zwangerschap tot de kleuterschool.',
    approach: 'structural',
    state: 'active',
  },
  {
    key: 'wonen',
    name: 'Wonen',
    description:
      'Door de stuurgroep als belangrijk erkend, maar pas opgestart na de eerste evaluatie: de coördinator kan vandaag geen vierde werkgroep begeleiden.',
    approach: 'structural',
    state: 'later',
  },
];

const beekvlietBodies: readonly BodySeed[] = [
  {
    key: 'stuurgroep',
    kind: 'steering_group',
    name: 'Stuurgroep kinderarmoede',
    members: [
      ['lotte', 'coordinator'],
      ['marc', 'chair'],
      ['ines', 'facilitator'],
      ['karim', 'alderman'],
      ['griet', 'alderman'],
      ['annelies', 'staff'],
      ['sofie', 'staff'],
      ['elke', 'staff'],
      ['hilde', 'partner'],
      ['sarah', 'partner'],
      ['koen', 'partner'],
      ['rita', 'partner'],
      ['dirk', 'partner'],
      ['veerle', 'partner'],
      ['liesbeth', 'partner'],
      ['kelly', 'parent'],
      ['samira', 'parent'],
      ['dimitri', 'parent'],
      ['nadia', 'trusted_person'],
    ],
  },
  {
    key: 'signaalgroep',
    kind: 'parents_group',
    name: 'Signaalgroep ouders',
    members: [
      ['kelly', 'parent'],
      ['samira', 'parent'],
      ['dimitri', 'parent'],
      ['nadia', 'trusted_person'],
      ['lotte', 'coordinator'],
    ],
  },
  {
    key: 'wg-onderwijs',
    kind: 'work_group',
    name: 'Werkgroep onderwijs en vrije tijd',
    domain: 'onderwijs',
    members: [
      ['sofie', 'chair'],
      ['lotte', 'coordinator'],
      ['tom', 'member'],
      ['pieter', 'member'],
      ['koen', 'member'],
      ['jan', 'member'],
      ['dirk', 'member'],
      ['kelly', 'parent'],
    ],
  },
  {
    key: 'wg-inkomen',
    kind: 'work_group',
    name: 'Werkgroep inkomen en gezondheid',
    domain: 'inkomen',
    members: [
      ['annelies', 'chair'],
      ['lotte', 'coordinator'],
      ['hilde', 'member'],
      ['liesbeth', 'member'],
      ['rita', 'member'],
      ['samira', 'parent'],
      ['nadia', 'trusted_person'],
    ],
  },
  {
    key: 'wg-opvang',
    kind: 'work_group',
    name: 'Werkgroep kinderopvang en opvoeding',
    domain: 'opvang',
    members: [
      ['elke', 'chair'],
      ['lotte', 'coordinator'],
      ['sarah', 'member'],
      ['nathalie', 'member'],
      ['joris', 'member'],
      ['dimitri', 'parent'],
    ],
  },
];

const beekvlietObjectives: readonly StrategicSeed[] = [
  {
    domain: 'onderwijs',
    title: 'Elk kind kan zonder geldzorgen mee op school',
    description: 'Schoolkosten mogen geen reden zijn om een uitstap te missen, beschaamd te zijn of achter te blijven.',
    operational: [
      {
        key: 'oo-schoolkosten',
        title: 'Tegen eind juni 2027 passen alle zes basisscholen één gedeelde afspraak toe over maximale kosten en discrete betaling',
        description: 'De scholen leggen samen vast wat een schooljaar maximaal kost per leerjaar en hoe ouders in schijven of anoniem kunnen betalen.',
        targetDate: '2027-06-30',
      },
      {
        key: 'oo-aanspreekpunt',
        title: 'Ouders weten op elke school bij wie ze terechtkunnen met vragen over schoolkosten',
        description: 'Een vaste, gekende persoon per school die vragen vertrouwelijk behandelt en kan doorverwijzen.',
        // Not yet measurable or dated: the work group still has to agree how it will check this.
        missing: ['measurable', 'timeBound'],
      },
    ],
  },
  {
    domain: 'onderwijs',
    title: 'Kinderen en jongeren doen volwaardig mee aan het vrijetijdsaanbod',
    description: 'Sport, jeugdwerk, muziek en kampen staan open voor elk kind in Beekvliet, ook als het thuis krap is.',
    operational: [
      {
        key: 'oo-kansentarief',
        title: 'Tegen eind 2027 neemt het aantal kinderen met kansentarief in een club, jeugdbeweging of academie met 30 % toe',
        description: 'Vertrekpunt is de telling van het schooljaar 2025-2026 (nulmeting).',
        targetDate: '2027-12-31',
      },
      {
        key: 'oo-vakantie',
        title: 'Het vakantieaanbod wordt bereikbaar en begrijpelijk voor alle gezinnen',
        description: 'Inschrijven, vervoer en informatie mogen geen drempel meer zijn voor speelplein en kampen.',
        missing: ['measurable'],
        targetDate: '2026-09-01',
      },
    ],
  },
  {
    domain: 'inkomen',
    title: 'Gezinnen krijgen de rechten en tegemoetkomingen waar ze recht op hebben',
    description: 'Niet de gezinnen moeten hun rechten gaan zoeken; de diensten brengen die rechten tot bij hen.',
    operational: [
      {
        key: 'oo-rechten',
        title: 'Tegen eind 2027 worden lokale toelagen voor 80 % van de gekende gezinnen automatisch toegekend',
        description: 'Gegevens die de overheid al heeft (verhoogde tegemoetkoming, schooltoeslag) volstaan om de gemeentelijke toelagen toe te kennen.',
        targetDate: '2027-12-31',
      },
      {
        key: 'oo-rechtenonderzoek',
        title: 'Elk gezin dat bij een partner aanklopt, krijgt binnen twee weken een volledig rechtenonderzoek',
        description: 'OCMW, CAW, ziekenfonds en welzijnsschakel gebruiken één gedeelde checklist en verwijzen warm door.',
        targetDate: '2026-12-31',
      },
    ],
  },
  {
    domain: 'inkomen',
    title: 'Kinderen uit gezinnen met een beperkt inkomen groeien gezond op',
    description: 'Zorg voor tanden, ogen en voeding mag niet afhangen van wat er op het einde van de maand overblijft.',
    operational: [
      {
        key: 'oo-zorgkosten',
        title: 'Vanaf 2026 betalen gezinnen met verhoogde tegemoetkoming geen eigen bijdrage meer voor tand- en oogzorg van hun kinderen',
        description: 'Via een lokaal zorgfonds en afspraken met tandartsen en opticiens in de gemeente.',
        targetDate: '2026-12-31',
      },
      {
        key: 'oo-voeding',
        title: 'Kinderen op vier scholen krijgen elke schooldag een gratis gezond tienuurtje',
        description: 'Eerst als proef, daarna uitbreiden als de evaluatie goed is.',
        // The schools and the budget holder have not signed off yet.
        missing: ['agreed', 'realistic'],
        targetDate: '2027-09-01',
      },
    ],
  },
  {
    domain: 'opvang',
    title: 'Elk gezin vindt betaalbare kinderopvang dicht bij huis',
    description: 'Opvang is een hefboom: ouders kunnen werken, een opleiding volgen of even op adem komen.',
    operational: [
      {
        key: 'oo-opvangplaatsen',
        title: 'Tegen eind 2028 komen er 18 opvangplaatsen met inkomenstarief bij, waarvan 6 voorrang geven aan werkzoekende ouders',
        description: 'Samen met de bestaande opvanginitiatieven en met steun van de gemeente voor infrastructuur.',
        targetDate: '2028-12-31',
      },
      {
        key: 'oo-occasioneel',
        title: 'Ouders kunnen hun kind kort laten opvangen voor een sollicitatie, opleiding of afspraak',
        description: 'Flexibele plaatsen die op korte termijn te reserveren zijn.',
        missing: ['realistic', 'timeBound'],
      },
    ],
  },
  {
    domain: 'opvang',
    title: 'Ouders voelen zich gesteund bij het opvoeden',
    description: 'Het Huis van het Kind is een plek waar elke ouder vragen kan stellen zonder zich beoordeeld te voelen.',
    operational: [
      {
        key: 'oo-bereik',
        title: 'Tegen eind 2027 bereikt het Huis van het Kind 60 % van de gezinnen in een kwetsbare situatie met een kind jonger dan drie',
        description: 'Gemeten via de contacten van het consultatiebureau, huisbezoeken en ontmoetingsmomenten.',
        targetDate: '2027-12-31',
      },
      {
        key: 'oo-ontmoeting',
        title: 'In elke wijk is er minstens één keer per maand een open ontmoetingsmoment voor ouders',
        description: 'Ouders leren er elkaar kennen en vinden vlot de weg naar hulp als ze die willen.',
        targetDate: '2026-12-31',
      },
    ],
  },
];

const beekvlietActions: readonly ActionSeed[] = [
  // --- Onderwijs en vrije tijd ------------------------------------------------------------------
  {
    objective: 'oo-schoolkosten',
    title: 'Schoolkostenoverleg met alle basisscholen opstarten',
    description: 'Directies, CLB en ouders zetten samen op een rij welke kosten er per leerjaar gevraagd worden.',
    owner: 'sofie',
    partners: ['Basisscholen Beekvliet', 'CLB Kempenrand'],
    start: -330,
    due: -200,
    status: 'done',
    means: 'Vergaderzaal gemeentehuis, tijd van de beleidsmedewerker onderwijs',
    intendedResult: 'Een gedeeld overzicht van alle schoolkosten in Beekvliet.',
    expectedResult: 'Alle zes scholen leveren hun kostenlijst aan en zitten minstens twee keer samen.',
    evaluationMethod: 'Aanwezigheidslijsten en het overzichtsdocument; korte bevraging van de directies.',
    sevenB: ['betaalbaarheid', 'begrijpbaarheid'],
    updates: [
      { daysAgo: 320, author: 'sofie', note: 'Uitnodiging verstuurd naar alle directies.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 250, author: 'sofie', note: 'Vijf van de zes scholen hebben hun kostenlijst bezorgd, de laatste volgt.' },
      { daysAgo: 205, author: 'sofie', note: 'Overzicht afgewerkt en besproken in de werkgroep.', statusFrom: 'in_progress', statusTo: 'done' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Scholen die deelnemen aan het overleg',
        unit: 'scholen',
        baseline: 0,
        target: 6,
        measurements: [
          [320, 2],
          [280, 4],
          [230, 5],
          [205, 6, 'Alle scholen aan tafel.'],
        ],
      },
      {
        kind: 'outcome',
        name: 'Scholen die hun kostenlijst vooraf aan ouders bezorgen',
        unit: 'scholen',
        baseline: 1,
        target: 6,
        measurements: [
          [330, 1, 'Nulmeting'],
          [200, 3],
          [60, 5],
        ],
      },
    ],
  },
  {
    objective: 'oo-schoolkosten',
    title: 'Discrete betaalregeling opnemen in elk schoolreglement',
    description: 'Ouders kunnen in schijven betalen en de klas merkt niet wie een regeling heeft.',
    owner: 'koen',
    partners: ['Basisscholen Beekvliet', 'Sociale dienst OCMW'],
    start: -150,
    due: 60,
    status: 'in_progress',
    means: 'Modeltekst opgesteld door de werkgroep',
    intendedResult: 'Geen kind wordt aangesproken op een openstaande schoolrekening.',
    expectedResult: 'Zes schoolreglementen bevatten de betaalregeling voor het volgende schooljaar.',
    evaluationMethod: 'Nalezen van de reglementen; bevraging van ouders via de signaalgroep.',
    sevenB: ['betaalbaarheid', 'betrouwbaarheid'],
    updates: [
      { daysAgo: 150, author: 'koen', note: 'Modeltekst goedgekeurd door de werkgroep.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 40, author: 'koen', note: 'Drie schoolraden keurden de aanpassing al goed.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Schoolreglementen met betaalregeling',
        unit: 'scholen',
        baseline: 0,
        target: 6,
        measurements: [
          [140, 0],
          [90, 1],
          [40, 3],
        ],
      },
      {
        kind: 'outcome',
        name: 'Openstaande schoolfacturen die naar een incassobureau gaan',
        unit: 'dossiers per schooljaar',
        baseline: 14,
        target: 0,
        measurements: [
          [300, 14, 'Nulmeting vorig schooljaar'],
          [30, 6],
        ],
      },
    ],
  },
  {
    objective: 'oo-schoolkosten',
    title: 'Schoolfacturen samen met ouders nalezen op duidelijkheid',
    description: 'Ouders van de signaalgroep lezen anonieme schoolfacturen en brieven na en zeggen wat onduidelijk is.',
    owner: 'tom',
    partners: ['Signaalgroep ouders', "Welzijnsschakel 't Trefpunt"],
    start: -90,
    due: -10,
    status: 'in_progress',
    means: 'Twee avondsessies met de signaalgroep, vergoeding en kinderopvang voor de ouders',
    budget: 600,
    intendedResult: 'Facturen en brieven die elke ouder in één keer begrijpt.',
    expectedResult: 'Een lijst met verbeterpunten per school en een voorbeeldfactuur in eenvoudige taal.',
    evaluationMethod: 'Ouders beoordelen de nieuwe voorbeeldfactuur; scholen melden of ze ze gebruiken.',
    sevenB: ['begrijpbaarheid', 'bekendheid'],
    updates: [
      { daysAgo: 85, author: 'tom', note: 'Eerste sessie met zeven ouders gehouden, veel bruikbare tips.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 30, author: 'tom', note: 'Tweede sessie moest verschuiven door ziekte; nieuwe datum wordt gezocht.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Ouders die meelazen',
        unit: 'ouders',
        baseline: 0,
        target: 12,
        measurements: [
          [85, 7],
          [30, 7],
        ],
      },
      {
        kind: 'outcome',
        name: 'Scholen die de voorbeeldfactuur gebruiken',
        unit: 'scholen',
        baseline: 0,
        target: 6,
        measurements: [
          [90, 0, 'Nulmeting'],
          [20, 1],
        ],
      },
    ],
  },
  {
    objective: 'oo-aanspreekpunt',
    title: 'Per school een aanspreekpunt schoolkosten aanduiden en bekendmaken',
    description: 'Een naam en gezicht in de schoolagenda, op de website en aan de schoolpoort.',
    owner: 'jan',
    partners: ['CLB Kempenrand', 'Basisscholen Beekvliet'],
    start: 20,
    due: 45,
    status: 'planned',
    means: 'Affiche en kaartje in vijf talen',
    budget: 450,
    intendedResult: 'Ouders durven sneller een vraag over kosten stellen.',
    expectedResult: 'Zes aanspreekpunten, bekend bij minstens de helft van de ouders.',
    evaluationMethod: 'Korte bevraging aan de schoolpoort, aantal vragen per aanspreekpunt.',
    sevenB: ['bekendheid', 'bereikbaarheid', 'betrouwbaarheid'],
    indicators: [
      {
        kind: 'output',
        name: 'Scholen met een gekend aanspreekpunt',
        unit: 'scholen',
        baseline: 1,
        target: 6,
        measurements: [
          [200, 1, 'Nulmeting'],
          [30, 2],
        ],
      },
    ],
  },
  {
    objective: 'oo-aanspreekpunt',
    title: 'Tweedehandsbeurs voor boekentassen en schoolgerief',
    description: 'Eind augustus in de sporthal: ruilen of kopen aan een symbolische prijs.',
    owner: 'tom',
    partners: ["Welzijnsschakel 't Trefpunt", 'Oudervereniging De Regenboog'],
    start: -230,
    due: -150,
    status: 'done',
    means: 'Sporthal, vrijwilligers van de welzijnsschakel',
    budget: 300,
    intendedResult: 'De start van het schooljaar kost gezinnen minder.',
    expectedResult: 'Honderd gezinnen vinden er materiaal.',
    evaluationMethod: 'Telling van bezoekers en van meegenomen pakketten.',
    sevenB: ['betaalbaarheid', 'bekendheid'],
    updates: [
      { daysAgo: 220, author: 'tom', note: 'Sporthal vastgelegd, oproep voor materiaal loopt.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 152, author: 'tom', note: 'Geslaagde beurs: 134 gezinnen, veel materiaal over voor volgend jaar.', statusFrom: 'in_progress', statusTo: 'done' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Gezinnen die de beurs bezochten',
        unit: 'gezinnen',
        baseline: 0,
        target: 100,
        measurements: [
          [153, 134],
          [152, 134, 'Eindtelling'],
        ],
      },
    ],
  },
  {
    objective: 'oo-kansentarief',
    title: 'Kansentarief vrije tijd verruimen naar 80 % korting',
    description: 'Het kansentarief geldt voortaan voor sportkampen, jeugdwerk, muziekacademie en zwembad, met één aanvraag.',
    owner: 'tom',
    partners: ['Sociale dienst OCMW', 'Sportraad', 'Jeugdraad', 'Academie'],
    start: -120,
    due: 2,
    status: 'in_progress',
    means: 'Aanpassing van het retributiereglement, compensatie voor clubs',
    budget: 15000,
    intendedResult: 'Prijs is geen reden meer om niet deel te nemen.',
    expectedResult: 'Het gemeenteraadsbesluit is genomen en clubs kennen de nieuwe regeling.',
    evaluationMethod: 'Aantal aanvragen en gebruikte kortingen, bevraging van clubs na één seizoen.',
    sevenB: ['betaalbaarheid', 'beschikbaarheid', 'begrijpbaarheid'],
    updates: [
      { daysAgo: 118, author: 'tom', note: 'Ontwerp van reglement klaar, financiële dienst rekent de kost door.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 45, author: 'tom', note: 'Advies van sportraad en jeugdraad positief.' },
      { daysAgo: 6, author: 'tom', note: 'Agendapunt ingediend voor de gemeenteraad van volgende week.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Kinderen met een kansentarief-aanvraag',
        unit: 'kinderen',
        baseline: 85,
        target: 160,
        measurements: [
          [360, 85, 'Nulmeting schooljaar 2025-2026'],
          [270, 92],
          [180, 101],
          [90, 118],
          [14, 127],
        ],
      },
      {
        kind: 'outcome',
        name: 'Kinderen met kansentarief die een heel seizoen bleven',
        unit: '%',
        baseline: 55,
        target: 80,
        measurements: [
          [300, 55, 'Nulmeting'],
          [120, 63],
        ],
      },
    ],
  },
  {
    objective: 'oo-kansentarief',
    title: 'Vrijetijdsbegeleider per sportclub die nieuwe gezinnen wegwijs maakt',
    description: 'Een vrijwilliger per club onthaalt nieuwe kinderen en hun ouders en legt uit hoe het werkt.',
    owner: 'dirk',
    partners: ['Sportraad', 'Sportclubs Beekvliet'],
    start: -60,
    due: -20,
    status: 'planned',
    means: 'Korte vorming door de welzijnsschakel',
    intendedResult: 'Nieuwe gezinnen voelen zich welkom en haken niet af na een paar weken.',
    expectedResult: 'Acht clubs hebben een vrijetijdsbegeleider.',
    evaluationMethod: 'Lijst van begeleiders, gesprek met ouders na drie maanden.',
    sevenB: ['bruikbaarheid', 'betrouwbaarheid'],
    indicators: [
      {
        kind: 'output',
        name: 'Clubs met een vrijetijdsbegeleider',
        unit: 'clubs',
        baseline: 0,
        target: 8,
        measurements: [
          [150, 0, 'Nulmeting'],
          [40, 1, 'KSV Beekvliet startte al zelf'],
        ],
      },
      {
        kind: 'outcome',
        name: 'Nieuwe leden met kansentarief die na drie maanden nog komen',
        unit: '%',
        baseline: 60,
        target: 85,
        measurements: [
          [200, 60, 'Nulmeting'],
          [40, 62],
        ],
      },
    ],
  },
  {
    objective: 'oo-kansentarief',
    title: 'Materiaalbank voor sportkledij en -materiaal',
    description: 'Voetbalschoenen, zwemgerief en turnpakjes lenen in plaats van kopen.',
    owner: 'tom',
    partners: ['Sportclubs Beekvliet', 'Kringwinkel'],
    start: -100,
    due: 90,
    status: 'postponed',
    means: 'Opslagruimte in de sporthal, rekken en een uitleensysteem',
    budget: 2500,
    intendedResult: 'Materiaal is geen drempel om een sport te beginnen.',
    expectedResult: 'Een materiaalbank met minstens tweehonderd stuks, open op zaterdagvoormiddag.',
    evaluationMethod: 'Aantal uitleningen en aantal verschillende gezinnen dat leent.',
    sevenB: ['betaalbaarheid', 'beschikbaarheid'],
    updates: [
      { daysAgo: 95, author: 'tom', note: 'Inzameling gestart bij de clubs.', statusFrom: 'planned', statusTo: 'in_progress' },
      {
        daysAgo: 35,
        author: 'tom',
        note: 'Opslagruimte pas vrij na de verbouwing van de sporthal; start schuift op.',
        statusFrom: 'in_progress',
        statusTo: 'postponed',
        dueFrom: -30,
        dueTo: 90,
      },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Ingezamelde stuks materiaal',
        unit: 'stuks',
        baseline: 0,
        target: 200,
        measurements: [
          [90, 40],
          [60, 95],
          [35, 120],
        ],
      },
      {
        kind: 'outcome',
        name: 'Gezinnen die materiaal leenden',
        unit: 'gezinnen',
        baseline: 0,
        target: 60,
        measurements: [
          [100, 0, 'Nulmeting'],
          [35, 0, 'Nog niet open'],
        ],
      },
    ],
  },
  {
    objective: 'oo-kansentarief',
    title: 'Eén vrijetijdspas voor alle kortingen',
    description: 'Gezinnen tonen één kaart in plaats van telkens opnieuw hun inkomen te bewijzen.',
    owner: 'tom',
    partners: ['Cultuurdienst', 'Sociale dienst OCMW', 'Buurgemeenten'],
    start: 30,
    due: 120,
    status: 'planned',
    means: 'Aansluiting bij een regionaal passysteem, opleiding van loketmedewerkers',
    budget: 8000,
    intendedResult: 'Kortingen gebruiken is eenvoudig en niemand moet zich telkens verantwoorden.',
    expectedResult: 'De pas is beschikbaar aan alle vrijetijdsloketten.',
    evaluationMethod: 'Aantal uitgereikte passen met kansentarief en gebruik per aanbieder.',
    sevenB: ['betrouwbaarheid', 'bruikbaarheid', 'begrijpbaarheid'],
    indicators: [
      {
        kind: 'output',
        name: 'Uitgereikte passen met kansentarief',
        unit: 'passen',
        baseline: 0,
        target: 250,
        measurements: [
          [180, 0, 'Nulmeting'],
          [20, 0],
        ],
      },
      {
        kind: 'outcome',
        name: 'Ouders die kortingen eenvoudig vinden om te gebruiken',
        unit: '%',
        baseline: 35,
        target: 75,
        measurements: [
          [200, 35, 'Bevraging signaalgroep en sociale dienst'],
          [25, 38],
        ],
      },
    ],
  },
  {
    objective: 'oo-kansentarief',
    title: 'Kennismakingsnamiddag vrijetijdsaanbod in de wijk Molenveld',
    description: 'Clubs en jeugdbewegingen komen naar de wijk in plaats van te wachten tot kinderen hen vinden.',
    owner: 'tom',
    partners: ['Jeugdraad', 'Sportclubs Beekvliet', 'Woonmaatschappij Beekdal'],
    start: 5,
    due: 25,
    status: 'planned',
    means: 'Pleintje Molenveld, springkasteel, drankjes',
    budget: 900,
    intendedResult: 'Kinderen uit Molenveld proberen een nieuwe activiteit uit.',
    expectedResult: 'Tien clubs aanwezig, zestig kinderen doen mee.',
    evaluationMethod: 'Telling ter plaatse en opvolging van inschrijvingen in de weken erna.',
    sevenB: ['bereikbaarheid', 'bekendheid'],
    indicators: [
      {
        kind: 'output',
        name: 'Aanwezige clubs en verenigingen',
        unit: 'clubs',
        baseline: 0,
        target: 10,
        measurements: [
          [30, 4, 'Bevestigde deelnames'],
          [8, 7, 'Bevestigde deelnames'],
        ],
      },
    ],
  },
  {
    objective: 'oo-vakantie',
    title: 'Inschrijven voor speelplein en kampen ook op papier en met hulp',
    description: 'Naast de online inschrijving kunnen ouders terecht aan het loket van het Sociaal Huis en de bibliotheek.',
    owner: 'pieter',
    partners: ['Jeugddienst', 'Sociaal Huis'],
    start: -140,
    due: -60,
    status: 'done',
    means: 'Inschrijfmomenten met begeleiding, papieren formulier',
    intendedResult: 'Geen kind mist het speelplein omdat de inschrijving online moest.',
    expectedResult: 'Minstens veertig inschrijvingen via het loket.',
    evaluationMethod: 'Aandeel loketinschrijvingen in het totaal.',
    sevenB: ['bereikbaarheid', 'bruikbaarheid'],
    updates: [
      { daysAgo: 135, author: 'pieter', note: 'Loketmomenten gepland op woensdagnamiddag en zaterdagvoormiddag.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 62, author: 'lotte', note: 'Afgerond: 57 inschrijvingen via het loket.', statusFrom: 'in_progress', statusTo: 'done' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Inschrijvingen via het loket',
        unit: 'inschrijvingen',
        baseline: 0,
        target: 40,
        measurements: [
          [110, 12],
          [85, 38],
          [62, 57],
        ],
      },
      {
        kind: 'outcome',
        name: 'Kinderen met kansentarief op het speelplein',
        unit: 'kinderen',
        baseline: 31,
        target: 50,
        measurements: [
          [365, 31, 'Vorige zomer'],
          [60, 48],
        ],
      },
    ],
  },
  {
    objective: 'oo-vakantie',
    title: 'Busvervoer naar sportkampen vanuit de deelgemeenten',
    description: 'Een pendelbus zou kinderen uit Heikant en Overbeek ophalen.',
    owner: 'tom',
    partners: ['De Lijn', 'Sportdienst'],
    start: -160,
    due: -40,
    status: 'dropped',
    means: 'Huur van een bus met chauffeur',
    budget: 4000,
    intendedResult: 'Afstand is geen reden meer om niet naar kamp te gaan.',
    expectedResult: 'Dagelijkse rit tijdens de zomerkampen.',
    evaluationMethod: 'Aantal kinderen dat de bus neemt.',
    sevenB: ['bereikbaarheid'],
    updates: [
      {
        daysAgo: 100,
        author: 'tom',
        note: 'Te duur voor het verwachte aantal kinderen. Vervangen door een carpoolregeling via de clubs (zie vrijetijdsbegeleiders).',
        statusFrom: 'planned',
        statusTo: 'dropped',
      },
    ],
  },
  {
    objective: 'oo-vakantie',
    title: 'Folder vakantieaanbod in eenvoudige taal',
    description: 'Alle kampen en speelpleindagen op één blad, met prijs na korting en wie kan helpen bij inschrijven.',
    // No owner yet: the work group could not agree who takes this up (the app flags it).
    partners: ['Jeugddienst', 'Communicatiedienst'],
    due: 30,
    status: 'planned',
    means: 'Opmaak door de communicatiedienst, verspreiding via scholen',
    budget: 700,
    intendedResult: 'Elk gezin weet op tijd wat er in de vakantie te doen is.',
    expectedResult: 'Folder verdeeld via alle scholen en het Sociaal Huis.',
    evaluationMethod: 'Ouders van de signaalgroep testen de folder op begrijpbaarheid.',
    sevenB: ['begrijpbaarheid', 'bekendheid'],
  },
  // --- Inkomen en gezondheid ------------------------------------------------------------------
  {
    objective: 'oo-rechten',
    title: 'Gezinnen met recht op verhoogde tegemoetkoming proactief contacteren',
    description: 'De sociale dienst gebruikt gegevens die al beschikbaar zijn om gezinnen te bellen of een brief te sturen over hun rechten.',
    owner: 'annelies',
    partners: ['Ziekenfonds', 'CAW Kempenrand'],
    start: -180,
    due: -5,
    status: 'in_progress',
    means: 'Halftijdse maatschappelijk werker gedurende een jaar',
    budget: 24000,
    intendedResult: 'Gezinnen die hun rechten niet opnemen, worden bereikt voor ze in de problemen raken.',
    expectedResult: 'Tweehonderd gezinnen gecontacteerd, de helft krijgt een extra recht toegekend.',
    evaluationMethod: 'Registratie van contacten en toegekende rechten; opvolging na zes maanden.',
    sevenB: ['bekendheid', 'beschikbaarheid', 'begrijpbaarheid'],
    updates: [
      { daysAgo: 175, author: 'annelies', note: 'Privacyadvies ontvangen; we mogen de lijst gebruiken.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 60, author: 'annelies', note: 'Halverwege: 112 gezinnen bereikt.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Gecontacteerde gezinnen',
        unit: 'gezinnen',
        baseline: 0,
        target: 200,
        measurements: [
          [150, 25],
          [120, 58],
          [90, 87],
          [60, 112],
          [20, 141],
        ],
      },
      {
        kind: 'outcome',
        name: 'Gezinnen met minstens één bijkomend toegekend recht',
        unit: 'gezinnen',
        baseline: 0,
        target: 100,
        measurements: [
          [120, 21],
          [60, 49],
          [20, 66],
        ],
      },
    ],
  },
  {
    objective: 'oo-rechten',
    title: 'Gemeentelijke schooltoelage automatisch toekennen',
    description: 'Wie een schooltoeslag krijgt, ontvangt ook de gemeentelijke toelage zonder aanvraag.',
    owner: 'annelies',
    partners: ['Financiële dienst', 'Groeipakket-uitbetaler'],
    start: 60,
    due: 200,
    status: 'planned',
    means: 'Aanpassing reglement en gegevensuitwisseling',
    budget: 40000,
    intendedResult: 'Geen enkel gezin mist de toelage omdat het geen formulier invulde.',
    expectedResult: 'Minstens 90 % van de rechthebbende gezinnen ontvangt de toelage.',
    evaluationMethod: 'Vergelijking van het aantal uitbetalingen met het aantal rechthebbenden.',
    sevenB: ['beschikbaarheid', 'bruikbaarheid'],
    indicators: [
      {
        kind: 'outcome',
        name: 'Rechthebbende gezinnen die de toelage ontvangen',
        unit: '%',
        baseline: 48,
        target: 90,
        measurements: [
          [340, 48, 'Nulmeting op basis van aanvragen'],
          [100, 51],
        ],
      },
    ],
  },
  {
    objective: 'oo-rechtenonderzoek',
    title: 'Gedeelde checklist voor een rechtenonderzoek',
    description: 'OCMW, CAW, ziekenfonds en welzijnsschakel werken met dezelfde checklist en verwijzen door met een telefoontje in plaats van een folder.',
    owner: 'hilde',
    partners: ['Sociale dienst OCMW', 'Ziekenfonds', "Welzijnsschakel 't Trefpunt"],
    start: -75,
    due: 40,
    status: 'in_progress',
    means: 'Werksessies met de partners',
    intendedResult: 'Gezinnen moeten hun verhaal maar één keer vertellen.',
    expectedResult: 'Checklist in gebruik bij vier partners.',
    evaluationMethod: 'Steekproef van dossiers, ervaringen van ouders via de signaalgroep.',
    sevenB: ['bruikbaarheid', 'betrouwbaarheid'],
    updates: [
      { daysAgo: 70, author: 'hilde', note: 'Eerste versie van de checklist rondgestuurd.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 15, author: 'hilde', note: 'Ziekenfonds test de checklist sinds deze maand.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Partners die de checklist gebruiken',
        unit: 'partners',
        baseline: 0,
        target: 4,
        measurements: [
          [70, 0],
          [40, 1],
          [15, 2],
        ],
      },
      {
        kind: 'outcome',
        name: 'Rechtenonderzoeken afgerond binnen twee weken',
        unit: '%',
        baseline: 40,
        target: 90,
        measurements: [
          [80, 40, 'Nulmeting'],
          [15, 55],
        ],
      },
    ],
  },
  {
    objective: 'oo-rechtenonderzoek',
    title: 'Maandelijkse zitdag rechten in de welzijnsschakel',
    description: 'Een maatschappelijk werker zit één keer per maand in de welzijnsschakel, waar ouders al komen.',
    owner: 'rita',
    partners: ['Sociale dienst OCMW'],
    start: -250,
    due: -90,
    status: 'done',
    means: 'Een maatschappelijk werker, een halve dag per maand',
    intendedResult: 'Hulp op een plek waar ouders zich thuis voelen.',
    expectedResult: 'Zes zitdagen met telkens minstens vijf gezinnen.',
    evaluationMethod: 'Aantal bezoekers per zitdag; gesprek met de vrijwilligers.',
    sevenB: ['bereikbaarheid', 'betrouwbaarheid'],
    updates: [
      { daysAgo: 245, author: 'rita', note: 'Eerste zitdag, vier gezinnen.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 92, author: 'annelies', note: 'Proef afgerond; de zitdag wordt vaste werking van de sociale dienst.', statusFrom: 'in_progress', statusTo: 'done' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Bezoekers per zitdag',
        unit: 'gezinnen',
        baseline: 0,
        target: 5,
        measurements: [
          [245, 4],
          [215, 6],
          [185, 7],
          [155, 5],
          [125, 8],
          [95, 9],
        ],
      },
      {
        kind: 'outcome',
        name: 'Bezoekers die zich goed geholpen voelden',
        unit: '%',
        baseline: null,
        target: 80,
        measurements: [
          [150, 78],
          [95, 86],
        ],
      },
    ],
  },
  {
    objective: 'oo-rechtenonderzoek',
    title: 'Vorming over drempels voor baliemedewerkers',
    description: 'Onthaalmedewerkers van gemeente, OCMW en partners leren hoe een bezoek aan het loket voelt voor een gezin met een beperkt inkomen.',
    owner: 'hilde',
    partners: ['Sociale dienst OCMW', 'Personeelsdienst', 'Ervaringsdeskundige in armoede'],
    start: -30,
    due: -3,
    status: 'planned',
    means: 'Twee halve dagen vorming, begeleid door een ervaringsdeskundige',
    budget: 1800,
    intendedResult: 'Baliemedewerkers herkennen drempels en reageren zonder oordeel.',
    expectedResult: 'Veertig medewerkers gevormd.',
    evaluationMethod: 'Evaluatieformulier na de vorming, mystery visit door de signaalgroep.',
    sevenB: ['betrouwbaarheid', 'begrijpbaarheid'],
    indicators: [
      {
        kind: 'output',
        name: 'Gevormde baliemedewerkers',
        unit: 'medewerkers',
        baseline: 0,
        target: 40,
        measurements: [
          [60, 0],
          [10, 0, 'Datum nog niet vastgelegd'],
        ],
      },
    ],
  },
  {
    objective: 'oo-zorgkosten',
    title: 'Lokaal zorgfonds voor tand- en oogzorg van kinderen',
    description: 'Het fonds betaalt de eigen bijdrage voor tandarts, oogarts en bril van kinderen uit gezinnen met verhoogde tegemoetkoming.',
    owner: 'liesbeth',
    partners: ['Ziekenfonds', 'Sociale dienst OCMW', 'Tandartsen Beekvliet'],
    start: -200,
    due: 100,
    status: 'in_progress',
    means: 'Fonds gespijsd door OCMW en ziekenfonds',
    budget: 12000,
    intendedResult: 'Kinderen gaan op controle, ook als er thuis weinig geld is.',
    expectedResult: 'Honderdvijftig kinderen maken gebruik van het fonds.',
    evaluationMethod: 'Gebruik van het fonds, aantal kinderen met jaarlijkse tandcontrole.',
    sevenB: ['betaalbaarheid', 'beschikbaarheid'],
    updates: [
      { daysAgo: 195, author: 'liesbeth', note: 'Afsprakenkader met het ziekenfonds ondertekend.', statusFrom: 'planned', statusTo: 'in_progress' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Kinderen die het zorgfonds gebruikten',
        unit: 'kinderen',
        baseline: 0,
        target: 150,
        measurements: [
          [180, 12],
          [120, 47],
          [60, 81],
          [10, 104],
        ],
      },
      {
        kind: 'outcome',
        name: 'Kinderen met verhoogde tegemoetkoming met een jaarlijkse tandcontrole',
        unit: '%',
        baseline: 42,
        target: 70,
        measurements: [
          [350, 42, 'Cijfer ziekenfonds vorig jaar'],
          [180, 46],
          [10, 53],
        ],
      },
    ],
  },
  {
    objective: 'oo-zorgkosten',
    title: 'Derdebetalersregeling met de tandartsen afspreken',
    description: 'Ouders betalen bij de tandarts enkel nog het remgeld, en ook dat valt weg via het zorgfonds.',
    owner: 'liesbeth',
    partners: ['Tandartsen Beekvliet', 'Huisartsenkring'],
    start: -260,
    due: -180,
    status: 'done',
    means: 'Overleg met de tandartsen',
    intendedResult: 'Geen voorschot meer bij de tandarts.',
    expectedResult: 'Alle vijf tandartspraktijken doen mee.',
    evaluationMethod: 'Aantal deelnemende praktijken.',
    sevenB: ['betaalbaarheid'],
    updates: [
      { daysAgo: 182, author: 'liesbeth', note: 'Vier van de vijf praktijken tekenden; de vijfde volgt bij de nieuwe eigenaar.', statusFrom: 'in_progress', statusTo: 'done' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Deelnemende tandartspraktijken',
        unit: 'praktijken',
        baseline: 1,
        target: 5,
        measurements: [
          [255, 1],
          [210, 3],
          [182, 4],
        ],
      },
      {
        kind: 'outcome',
        name: 'Gezinnen die tandzorg uitstelden om financiële redenen',
        unit: '%',
        baseline: 38,
        target: 10,
        measurements: [
          [300, 38, 'Bevraging sociale dienst'],
          [30, 24],
        ],
      },
    ],
  },
  {
    objective: 'oo-voeding',
    title: 'Proef met een gratis gezond tienuurtje op vier scholen',
    description: 'Fruit, groenten of een boterham voor alle kinderen van de klas, zodat niemand apart gezet wordt.',
    owner: 'koen',
    partners: ['Basisscholen Beekvliet', 'Sociaal restaurant De Smaak'],
    start: -40,
    // No due date since it was postponed: the start depends on a subsidy decision.
    status: 'postponed',
    means: 'Aankoop via het sociaal restaurant, verdeling door de scholen',
    budget: 9000,
    intendedResult: 'Kinderen beginnen de dag niet met een lege maag.',
    expectedResult: 'Vier scholen, elke schooldag, een volledig schooljaar.',
    evaluationMethod: 'Telling van porties, bevraging van leerkrachten over concentratie in de klas.',
    sevenB: ['betaalbaarheid', 'beschikbaarheid'],
    updates: [
      { daysAgo: 38, author: 'koen', note: 'Twee scholen klaar om te starten.', statusFrom: 'planned', statusTo: 'in_progress' },
      {
        daysAgo: 12,
        author: 'lotte',
        note: 'Uitgesteld tot de Vlaamse subsidie beslist is; nieuwe startdatum volgt.',
        statusFrom: 'in_progress',
        statusTo: 'postponed',
        dueFrom: 15,
        dueTo: null,
      },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Scholen die het tienuurtje aanbieden',
        unit: 'scholen',
        baseline: 0,
        target: 4,
        measurements: [
          [40, 0],
          [12, 0, 'Uitgesteld'],
        ],
      },
    ],
  },
  // --- Kinderopvang en opvoeding ----------------------------------------------------------------
  {
    objective: 'oo-opvangplaatsen',
    title: 'Subsidiereglement voor nieuwe opvangplaatsen met inkomenstarief',
    description: 'Opvanginitiatieven die plaatsen met inkomenstarief bijmaken, krijgen een startpremie en hulp bij infrastructuur.',
    owner: 'elke',
    partners: ['Lokaal Overleg Kinderopvang', 'Opgroeien', 'Financiële dienst'],
    start: -120,
    due: -15,
    status: 'in_progress',
    means: 'Startpremie per nieuwe plaats',
    budget: 36000,
    intendedResult: 'Opvanginitiatieven durven uitbreiden met plaatsen die elk gezin kan betalen.',
    expectedResult: 'Reglement goedgekeurd door de gemeenteraad, eerste aanvragen binnen.',
    evaluationMethod: 'Aantal aanvragen en gerealiseerde plaatsen.',
    sevenB: ['beschikbaarheid', 'betaalbaarheid'],
    updates: [
      { daysAgo: 115, author: 'elke', note: 'Ontwerp besproken op het Lokaal Overleg Kinderopvang.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 25, author: 'elke', note: 'Juridische dienst vraagt nog een aanpassing; gemeenteraad wordt wellicht volgende maand.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Nieuwe plaatsen met inkomenstarief',
        unit: 'plaatsen',
        baseline: 0,
        target: 18,
        measurements: [
          [120, 0],
          [25, 0],
        ],
      },
      {
        kind: 'outcome',
        name: 'Gezinnen op de wachtlijst voor opvang met inkomenstarief',
        unit: 'gezinnen',
        baseline: 34,
        target: 10,
        measurements: [
          [360, 34, 'Nulmeting'],
          [180, 37],
          [25, 36],
        ],
      },
    ],
  },
  {
    objective: 'oo-opvangplaatsen',
    title: 'Leegstaande pastorij Heikant ombouwen tot kinderdagverblijf',
    description: 'Haalbaarheidsstudie en plannen voor een kinderdagverblijf met 14 plaatsen.',
    owner: 'joris',
    partners: ['Dienst patrimonium', 'Kinderdagverblijf Het Nestje'],
    start: 90,
    due: 420,
    status: 'planned',
    means: 'Studiebureau, investeringsbudget in het meerjarenplan',
    budget: 65000,
    intendedResult: 'Meer opvang in een deelgemeente waar die nu ontbreekt.',
    expectedResult: 'Haalbaarheidsstudie en goedgekeurd ontwerp.',
    evaluationMethod: 'Opvolging van de mijlpalen van het bouwdossier.',
    sevenB: ['bereikbaarheid', 'beschikbaarheid'],
    indicators: [
      {
        kind: 'output',
        name: 'Afgeronde mijlpalen bouwdossier',
        unit: 'mijlpalen',
        baseline: 0,
        target: 5,
        measurements: [
          [200, 0],
          [30, 1, 'Gebouw voorbehouden in het meerjarenplan'],
        ],
      },
    ],
  },
  {
    objective: 'oo-occasioneel',
    title: 'Vier flexibele opvangplaatsen als proef',
    description: 'Ouders reserveren tot de dag voordien een plaats voor enkele uren.',
    owner: 'nathalie',
    partners: ['Huis van het Kind', 'Sociale dienst OCMW', 'VDAB'],
    start: 30,
    due: 75,
    status: 'planned',
    means: 'Extra begeleider, halftijds',
    budget: 18000,
    intendedResult: 'Ouders kunnen een kans op werk of opleiding grijpen zonder opvangzorgen.',
    expectedResult: 'De vier plaatsen worden minstens voor de helft gebruikt.',
    evaluationMethod: 'Bezettingsgraad en reden van gebruik.',
    sevenB: ['beschikbaarheid', 'bereikbaarheid'],
    indicators: [
      {
        kind: 'output',
        name: 'Bezetting van de flexibele plaatsen',
        unit: '%',
        baseline: 0,
        target: 50,
        measurements: [
          [90, 0, 'Nog niet gestart'],
          [15, 0, 'Nog niet gestart'],
        ],
      },
      {
        kind: 'outcome',
        name: 'Ouders die dankzij de opvang een sollicitatie of opleiding konden volgen',
        unit: 'ouders',
        baseline: 0,
        target: 25,
        measurements: [
          [90, 0],
          [15, 0],
        ],
      },
    ],
  },
  {
    objective: 'oo-bereik',
    title: 'Gezamenlijk huisbezoek na de geboorte',
    description: 'De verpleegkundige van Opgroeien en een medewerker van het Huis van het Kind komen samen langs, zodat ouders meteen weten waar ze terechtkunnen.',
    owner: 'sarah',
    partners: ['Opgroeien', 'Huis van het Kind'],
    start: -300,
    due: -120,
    status: 'done',
    means: 'Afspraken tussen beide teams, geen extra budget',
    intendedResult: 'Gezinnen kennen het Huis van het Kind vanaf de eerste weken.',
    expectedResult: 'Zeventig procent van de pasgeborenen krijgt een gezamenlijk huisbezoek.',
    evaluationMethod: 'Registratie van huisbezoeken; vervolgcontacten binnen drie maanden.',
    sevenB: ['bereikbaarheid', 'bekendheid'],
    updates: [
      { daysAgo: 290, author: 'sarah', note: 'Werkafspraken klaar, eerste huisbezoeken gepland.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 122, author: 'elke', note: 'Werkt goed; wordt vaste werkwijze.', statusFrom: 'in_progress', statusTo: 'done' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Pasgeborenen met een gezamenlijk huisbezoek',
        unit: '%',
        baseline: 0,
        target: 70,
        measurements: [
          [280, 35],
          [220, 58],
          [160, 71],
          [122, 74],
        ],
      },
      {
        kind: 'outcome',
        name: 'Gezinnen met een vervolgcontact binnen drie maanden',
        unit: '%',
        baseline: 20,
        target: 50,
        measurements: [
          [300, 20, 'Nulmeting'],
          [200, 33],
          [122, 47],
        ],
      },
    ],
  },
  {
    objective: 'oo-bereik',
    title: 'Consultatiebureau in de wijk Molenveld',
    description: 'Een tweede consultatiebureau, op loopafstand voor gezinnen zonder auto.',
    owner: 'sarah',
    partners: ['Opgroeien', 'Woonmaatschappij Beekdal'],
    start: -50,
    due: 20,
    status: 'in_progress',
    means: 'Lokaal in het buurthuis, verpleegkundige van Opgroeien',
    budget: 3500,
    intendedResult: 'Meer jonge gezinnen uit Molenveld komen op consultatie.',
    expectedResult: 'Twee zittingen per maand vanaf de opening.',
    evaluationMethod: 'Aantal consultaties van gezinnen uit de wijk.',
    sevenB: ['bereikbaarheid', 'beschikbaarheid'],
    updates: [
      { daysAgo: 48, author: 'sarah', note: 'Lokaal gevonden in het buurthuis.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 9, author: 'sarah', note: 'Weegschaal en meubilair geleverd, opening op schema.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Consultaties per maand in Molenveld',
        unit: 'consultaties',
        baseline: 0,
        target: 30,
        measurements: [
          [50, 0],
          [9, 0, 'Nog niet open'],
        ],
      },
      {
        kind: 'outcome',
        name: 'Gezinnen uit Molenveld met een kind onder drie die het consultatiebureau bezoeken',
        unit: '%',
        baseline: 45,
        target: 75,
        measurements: [
          [330, 45, 'Nulmeting'],
          [50, 47],
        ],
      },
    ],
  },
  {
    objective: 'oo-ontmoeting',
    title: 'Maandelijkse ouderkoffie in elke wijk',
    description: 'Een vrijblijvend ontmoetingsmoment met koffie, speelhoek en telkens een partner die aanschuift.',
    owner: 'elke',
    partners: ['Huis van het Kind', "Welzijnsschakel 't Trefpunt", 'Bibliotheek'],
    start: -210,
    due: 180,
    status: 'in_progress',
    means: 'Lokalen in buurthuis, bibliotheek en school; koffie en speelgoed',
    budget: 1200,
    intendedResult: 'Ouders bouwen een netwerk en vinden vlot informatie.',
    expectedResult: 'Vier wijken met een maandelijks moment, gemiddeld acht ouders.',
    evaluationMethod: 'Aanwezigheden; korte babbel met ouders over wat ze eraan hebben.',
    sevenB: ['bereikbaarheid', 'betrouwbaarheid', 'bekendheid'],
    updates: [
      { daysAgo: 205, author: 'elke', note: 'Eerste ouderkoffie in Molenveld.', statusFrom: 'planned', statusTo: 'in_progress' },
      { daysAgo: 70, author: 'elke', note: 'Derde wijk gestart in de bibliotheek.' },
    ],
    indicators: [
      {
        kind: 'output',
        name: 'Wijken met een maandelijkse ouderkoffie',
        unit: 'wijken',
        baseline: 0,
        target: 4,
        measurements: [
          [205, 1],
          [140, 2],
          [70, 3],
        ],
      },
      {
        kind: 'outcome',
        name: 'Gemiddeld aantal ouders per ouderkoffie',
        unit: 'ouders',
        baseline: 0,
        target: 8,
        measurements: [
          [200, 4],
          [150, 6],
          [100, 7],
          [50, 9],
          [15, 8],
        ],
      },
    ],
  },
  {
    objective: 'oo-ontmoeting',
    title: 'Opvoedingsondersteuning in de eigen taal met een brugfiguur',
    description: 'Ouders die weinig Nederlands spreken, krijgen opvoedingsinfo via een brugfiguur uit hun gemeenschap.',
    // Neither owner nor due date yet: waiting for a partner that can employ the brugfiguur.
    partners: ['Huis van het Kind', 'Agentschap Integratie en Inburgering'],
    status: 'planned',
    means: 'Brugfiguur (te zoeken), tolkentelefoon',
    intendedResult: 'Anderstalige ouders vinden even vlot hun weg naar opvoedingssteun.',
    expectedResult: 'Een brugfiguur aan de slag en twintig gezinnen begeleid per jaar.',
    evaluationMethod: 'Aantal begeleide gezinnen; gesprek met de brugfiguur.',
    sevenB: ['begrijpbaarheid', 'bereikbaarheid'],
  },
];

const beekvlietInitiatives: readonly InitiativeSeed[] = [
  {
    name: 'Sociaal restaurant De Smaak',
    description: 'Warme maaltijd aan verminderd tarief, vier middagen per week.',
    state: 'active',
    partner: 'OCMW Beekvliet en vzw De Smaak',
    domain: 'inkomen',
    objective: 'oo-voeding',
  },
  {
    name: 'Speelpleinwerking De Speelvogel',
    description: 'Zes zomerweken speelplein voor kinderen van 4 tot 14 jaar.',
    state: 'active',
    partner: 'Jeugddienst en vrijwillige monitoren',
    domain: 'onderwijs',
    objective: 'oo-vakantie',
  },
  {
    name: 'Huiswerkklas in de bibliotheek',
    description: 'Twee namiddagen per week huiswerkbegeleiding door vrijwilligers.',
    state: 'active',
    partner: 'Bibliotheek Beekvliet',
    domain: 'onderwijs',
  },
  {
    name: 'Kledingwinkel De Kleerkast',
    description: 'Tweedehandskledij voor kinderen aan kleine prijzen.',
    state: 'active',
    partner: "Welzijnsschakel 't Trefpunt",
  },
  {
    name: 'Sinterklaasactie voor gezinnen',
    description: 'Speelgoedpakketten ingezameld bij bedrijven; liep drie jaar.',
    state: 'finished',
    partner: 'Lions Club en welzijnsschakel',
  },
  {
    name: 'Energiescans bij huurders',
    description: 'Gratis energiescan en kleine ingrepen bij sociale huurders.',
    state: 'finished',
    partner: 'Woonmaatschappij Beekdal en het energiehuis',
    domain: 'wonen',
  },
  {
    name: 'Spelotheek op wielen',
    description: 'Een bakfiets met speelgoed dat gezinnen kunnen lenen, langs pleintjes en scholen.',
    state: 'planned',
    partner: 'Huis van het Kind Beekvliet',
    domain: 'opvang',
    objective: 'oo-ontmoeting',
  },
];

const beekvlietMeetings: readonly MeetingSeed[] = [
  {
    body: 'stuurgroep',
    title: 'Stuurgroep 4: stand van zaken werkgroepen',
    inDays: -280,
    from: '14:00',
    until: '16:30',
    location: SOCIAAL_HUIS,
    dayPart: 'day',
    state: 'distributed',
  },
  {
    body: 'stuurgroep',
    title: 'Stuurgroep 5: voortgang acties en budget volgend jaar',
    inDays: -120,
    // In the evening so that working parents can take part.
    from: '19:00',
    until: '21:30',
    location: SOCIAAL_HUIS,
    dayPart: 'evening',
    state: 'distributed',
  },
  {
    body: 'stuurgroep',
    title: 'Stuurgroep 6: tussentijdse evaluatie',
    inDays: 17,
    from: '19:00',
    until: '21:30',
    location: SOCIAAL_HUIS,
    dayPart: 'evening',
    state: 'planned',
  },
  {
    body: 'signaalgroep',
    title: 'Signaalgroep: terugblik op de vrijetijdsacties',
    inDays: -25,
    from: '19:00',
    until: '21:00',
    location: "Welzijnsschakel 't Trefpunt, Molenstraat 3",
    dayPart: 'evening',
    state: 'held',
  },
  {
    body: 'signaalgroep',
    title: 'Signaalgroep: voorbereiding stuurgroep',
    inDays: 14,
    from: '19:00',
    until: '21:00',
    location: "Welzijnsschakel 't Trefpunt, Molenstraat 3",
    dayPart: 'evening',
    state: 'planned',
  },
  {
    body: 'wg-onderwijs',
    title: 'Werkgroep onderwijs en vrije tijd',
    inDays: -35,
    from: '13:30',
    until: '15:30',
    location: 'Gemeentehuis Beekvliet, vergaderzaal 2',
    dayPart: 'day',
    state: 'held',
  },
  {
    body: 'wg-onderwijs',
    title: 'Werkgroep onderwijs en vrije tijd',
    inDays: 7,
    from: '13:30',
    until: '15:30',
    location: 'Gemeentehuis Beekvliet, vergaderzaal 2',
    dayPart: 'day',
    state: 'planned',
  },
  {
    body: 'wg-inkomen',
    title: 'Werkgroep inkomen en gezondheid',
    inDays: -20,
    from: '10:00',
    until: '12:00',
    location: 'Microsoft Teams',
    online: true,
    dayPart: 'day',
    state: 'minutes_approved',
  },
  {
    body: 'wg-inkomen',
    title: 'Werkgroep inkomen en gezondheid',
    inDays: 24,
    from: '10:00',
    until: '12:00',
    location: 'Microsoft Teams',
    online: true,
    dayPart: 'day',
    state: 'planned',
  },
  {
    body: 'wg-opvang',
    title: 'Werkgroep kinderopvang en opvoeding',
    inDays: -50,
    from: '19:30',
    until: '21:30',
    location: 'Huis van het Kind, Stationsplein 8',
    dayPart: 'evening',
    state: 'distributed',
  },
  {
    body: 'wg-opvang',
    title: 'Werkgroep kinderopvang en opvoeding',
    inDays: 10,
    from: '19:30',
    until: '21:30',
    location: 'Huis van het Kind, Stationsplein 8',
    dayPart: 'evening',
    state: 'planned',
  },
];

export const beekvliet: TenantSeed = {
  tenant: demoTenants.beekvliet,
  admins: [{ entraObjectId: demoUsers.admin, displayName: 'Jan Verbeke' }],
  trajectory: {
    name: 'Kansrijk opgroeien in Beekvliet',
    municipality: 'Beekvliet',
    periodStart: '2026-01-01',
    periodEnd: '2031-12-31',
    mission:
      'In Beekvliet groeit elk kind op met dezelfde kansen, ongeacht het inkomen van zijn ouders. Gemeente, OCMW, partners en ouders bundelen hun krachten om drempels weg te nemen, rechten tot bij de gezinnen te brengen en elk kind te laten meedoen op school, in de vrije tijd en in de buurt.',
    vision:
      'Deze visie groeide uit gesprekken over wat vandaag al goed werkt in Beekvliet: de warme ontvangst in de welzijnsschakel, een leerkracht die een uitstap stilletjes regelt, een sportclub die schoenen uitleent. Daarop bouwen we verder. ' +
      'We stappen zelf op gezinnen af in plaats van te wachten tot zij de weg vinden. We vertrekken van wat ouders kunnen en weten, en we beslissen samen met hen: ouders zitten mee aan tafel in de stuurgroep en de werkgroepen. ' +
      'We kijken over de muren van diensten en sectoren heen, want schoolkosten, opvang, gezondheid en wonen hangen samen. Elk aanbod toetsen we aan de zeven B\u2019s. ' +
      'Het college en alle partners dragen dit plan mee en brengen elk jaar verslag uit over wat het opleverde.',
    qualityCriteria: ['proactief', 'krachtengericht', 'participatief', 'integraal', 'toegankelijk', 'gedragen'],
    phaseProgress: {
      beleidsbeslissing: 'done',
      coordinator: 'done',
      omgevingsanalyse: 'done',
      stuurgroep: 'done',
      stuurgroep_vergaderingen: 'done',
      werkgroepen: 'done',
      doelstellingen: 'done',
      acties: 'in_progress',
      uitvoering: 'in_progress',
      evaluatie: 'todo',
    },
    reminderDaysBefore: 3,
  },
  people: beekvlietPeople,
  domains: beekvlietDomains,
  bodies: beekvlietBodies,
  objectives: beekvlietObjectives,
  actions: beekvlietActions,
  initiatives: beekvlietInitiatives,
  meetings: beekvlietMeetings,
};

// ---------------------------------------------------------------------------------------------
// Gemeente Heidebos: a smaller municipality, one year behind; shares the external facilitator.
// ---------------------------------------------------------------------------------------------

export const heidebos: TenantSeed = {
  tenant: demoTenants.heidebos,
  admins: [{ entraObjectId: demoUsers.heidebosAdmin, displayName: 'Els Wuyts' }],
  trajectory: {
    name: 'Samen sterk voor elk kind in Heidebos',
    municipality: 'Heidebos',
    periodStart: '2026-01-01',
    periodEnd: '2031-12-31',
    mission:
      'Heidebos wil een dorp zijn waar geen enkel kind uit de boot valt. We zorgen samen met ouders en partners dat opvang, school en vrije tijd voor elk gezin bereikbaar en betaalbaar zijn.',
    vision:
      'We bouwen op de sterke verenigingen en de korte lijnen in ons dorp. We zoeken gezinnen actief op, luisteren naar wat zij nodig hebben en werken over diensten heen. Wat we doen, maken we zichtbaar voor iedereen in Heidebos.',
    qualityCriteria: ['proactief', 'zichtbaar', 'participatief', 'integraal'],
    phaseProgress: {
      beleidsbeslissing: 'done',
      coordinator: 'done',
      omgevingsanalyse: 'done',
      stuurgroep: 'done',
      stuurgroep_vergaderingen: 'done',
      werkgroepen: 'in_progress',
      doelstellingen: 'in_progress',
      acties: 'in_progress',
      uitvoering: 'todo',
      evaluatie: 'todo',
    },
    reminderDaysBefore: 2,
  },
  people: [
    {
      key: 'bram',
      displayName: 'Bram De Smet',
      entraObjectId: demoUsers.heidebosCoordinator,
      email: 'bram.desmet@heidebos.example',
      organisation: 'Gemeente en OCMW Heidebos, lokale coördinator kinderarmoede',
      sector: 'gemeentelijke_partners',
    },
    {
      // The same facilitator as in Beekvliet: a separate person row, the same Entra account.
      key: 'ines',
      displayName: 'Ines Vermeulen',
      entraObjectId: demoUsers.facilitator,
      email: 'ines@vermeulen-procesbegeleiding.example',
      organisation: 'Vermeulen Procesbegeleiding (externe begeleider)',
    },
    {
      key: 'luc',
      displayName: 'Luc Bogaerts',
      email: 'burgemeester@heidebos.example',
      organisation: 'Burgemeester van Heidebos',
      sector: 'gemeentelijke_partners',
      contactPreference: 'email',
    },
    {
      key: 'wim',
      displayName: 'Wim Geerts',
      email: 'wim.geerts@heidebos.example',
      organisation: 'Gemeente Heidebos, vrijetijdsdienst',
      sector: 'gemeentelijke_partners',
      contactPreference: 'email',
    },
    {
      key: 'kathleen',
      displayName: 'Kathleen Michiels',
      email: 'kathleen.michiels@opgroeien.example',
      organisation: 'Opgroeien, regioteam',
      sector: 'gezin',
      contactPreference: 'email',
    },
    {
      key: 'jessica',
      displayName: 'Jessica Lenaerts',
      phone: '+32 470 00 00 11',
      sector: 'ervaringsdeskundigen',
      contactPreference: 'sms',
      // In a small municipality the coordinator is the parents' contact person.
      trustedPerson: 'bram',
    },
  ],
  domains: [
    {
      key: 'opvang',
      name: 'Kinderopvang en opvoeding',
      description: 'Opvang en opvoedingssteun die gezinnen in alle deelgemeenten vlot vinden.',
      approach: 'structural',
      state: 'active',
    },
    {
      key: 'vrijetijd',
      name: 'Onderwijs en vrije tijd',
      description: 'Kosten van school en vrije tijd verlichten, zodat kinderen meteen mee kunnen.',
      approach: 'mitigating',
      state: 'active',
    },
  ],
  bodies: [
    {
      key: 'stuurgroep',
      kind: 'steering_group',
      name: 'Stuurgroep kinderarmoede Heidebos',
      members: [
        ['bram', 'coordinator'],
        ['luc', 'chair'],
        ['ines', 'facilitator'],
        ['wim', 'staff'],
        ['kathleen', 'partner'],
        ['jessica', 'parent'],
      ],
    },
    {
      key: 'wg-vrijetijd',
      kind: 'work_group',
      name: 'Werkgroep onderwijs en vrije tijd',
      domain: 'vrijetijd',
      members: [
        ['wim', 'chair'],
        ['bram', 'coordinator'],
        ['jessica', 'parent'],
      ],
    },
  ],
  objectives: [
    {
      domain: 'opvang',
      title: 'Jonge gezinnen vinden vlot de weg naar opvang en opvoedingssteun',
      description: 'Vooral in de kleinere deelgemeenten blijft het aanbod nu onbekend.',
      operational: [
        {
          key: 'oo-opvang-info',
          title: 'Tegen eind 2026 kent 80 % van de ouders met een kind onder drie het Huis van het Kind',
          description: 'Gemeten via een korte bevraging op het consultatiebureau.',
          targetDate: '2026-12-31',
        },
      ],
    },
    {
      domain: 'vrijetijd',
      title: 'Elk kind kan meedoen met de verenigingen in het dorp',
      description: 'Lidgeld, materiaal en vervoer mogen geen reden zijn om thuis te blijven.',
      operational: [
        {
          key: 'oo-lidgeld',
          title: 'Vanaf september 2026 betalen gezinnen met een beperkt inkomen hoogstens 20 % van het lidgeld',
          description: 'De gemeente compenseert de verenigingen voor het verschil.',
          missing: ['agreed'],
          targetDate: '2026-09-01',
        },
      ],
    },
  ],
  actions: [
    {
      objective: 'oo-opvang-info',
      title: 'Welkomstpakket voor elke pasgeborene',
      description: 'Een pakket met een boekje, een overzicht van opvang en de contactgegevens van het Huis van het Kind.',
      owner: 'kathleen',
      partners: ['Opgroeien', 'Bibliotheek Heidebos'],
      start: -120,
      due: -30,
      status: 'done',
      means: 'Drukwerk en boekjes',
      budget: 1500,
      intendedResult: 'Elk jong gezin weet vanaf het begin waar het terechtkan.',
      expectedResult: 'Alle pasgeborenen krijgen een pakket.',
      evaluationMethod: 'Aantal uitgedeelde pakketten.',
      sevenB: ['bekendheid'],
      updates: [
        { daysAgo: 32, author: 'kathleen', note: 'Pakketten worden voortaan standaard meegegeven bij het eerste huisbezoek.', statusFrom: 'in_progress', statusTo: 'done' },
      ],
      indicators: [
        {
          kind: 'output',
          name: 'Uitgedeelde welkomstpakketten',
          unit: 'pakketten',
          baseline: 0,
          target: 90,
          measurements: [
            [90, 20],
            [60, 44],
            [30, 68],
          ],
        },
      ],
    },
    {
      objective: 'oo-opvang-info',
      title: 'Bevraging over de bekendheid van het Huis van het Kind',
      description: 'Vijf vragen voor ouders die op consultatie komen.',
      owner: 'bram',
      partners: ['Opgroeien'],
      start: -20,
      due: -4,
      status: 'in_progress',
      means: 'Papieren vragenlijst en tablet',
      intendedResult: 'Een betrouwbare nulmeting voor de doelstelling.',
      expectedResult: 'Minstens vijftig ingevulde vragenlijsten.',
      evaluationMethod: 'Aantal antwoorden.',
      sevenB: ['bekendheid'],
      indicators: [
        {
          kind: 'outcome',
          name: 'Ouders die het Huis van het Kind kennen',
          unit: '%',
          baseline: null,
          target: 80,
          measurements: [
            [18, 52, 'Eerste antwoorden'],
            [5, 57],
          ],
        },
      ],
    },
    {
      objective: 'oo-opvang-info',
      title: 'Opvangaanbod op één pagina van de gemeentelijke website en in het infoblad',
      description: 'Alle opvang in Heidebos met prijzen, vrije plaatsen en wie helpt bij de aanvraag.',
      owner: 'bram',
      partners: ['Communicatiedienst'],
      due: 35,
      status: 'planned',
      means: 'Eigen werk',
      intendedResult: 'Ouders zien in één oogopslag wat er is.',
      expectedResult: 'Pagina online en artikel in het infoblad.',
      evaluationMethod: 'Bezoekersaantallen van de pagina.',
      sevenB: ['bekendheid', 'begrijpbaarheid'],
    },
    {
      objective: 'oo-lidgeld',
      title: 'Reglement tussenkomst lidgeld opstellen',
      description: 'Verenigingen krijgen 80 % van het lidgeld terugbetaald voor kinderen met een kansentarief.',
      owner: 'wim',
      partners: ['Jeugdraad', 'Sportraad'],
      start: -60,
      due: 20,
      status: 'in_progress',
      means: 'Budget vrijetijdsdienst',
      budget: 6000,
      intendedResult: 'Lidgeld is geen drempel meer.',
      expectedResult: 'Reglement goedgekeurd voor de start van het nieuwe seizoen.',
      evaluationMethod: 'Aantal kinderen met tussenkomst.',
      sevenB: ['betaalbaarheid'],
      updates: [{ daysAgo: 55, author: 'wim', note: 'Eerste ontwerp besproken met de jeugdraad.', statusFrom: 'planned', statusTo: 'in_progress' }],
      indicators: [
        {
          kind: 'output',
          name: 'Verenigingen die het reglement toepassen',
          unit: 'verenigingen',
          baseline: 0,
          target: 15,
          measurements: [
            [60, 0],
            [10, 0],
          ],
        },
      ],
    },
    {
      objective: 'oo-lidgeld',
      title: 'Verenigingen informeren over discreet omgaan met kortingen',
      description: 'Een infoavond voor besturen van clubs en jeugdbewegingen.',
      owner: 'jessica',
      partners: ['Jeugdraad', 'Sportraad'],
      due: 50,
      status: 'planned',
      means: 'Zaal en koffie',
      intendedResult: 'Kinderen met korting worden niet anders behandeld.',
      expectedResult: 'Tien verenigingen aanwezig.',
      evaluationMethod: 'Aanwezigheidslijst en korte evaluatie.',
      sevenB: ['betrouwbaarheid'],
    },
    {
      objective: 'oo-lidgeld',
      title: 'Gratis busje naar de academie in de buurgemeente',
      description: 'Idee uit de stuurgroep; vervangen door een tussenkomst in het busabonnement.',
      owner: 'wim',
      partners: ['Academie'],
      start: -90,
      due: -45,
      status: 'dropped',
      means: 'Busje met vrijwillige chauffeurs',
      intendedResult: 'Kinderen kunnen zonder auto naar de academie.',
      expectedResult: 'Wekelijkse rit.',
      evaluationMethod: 'Aantal gebruikers.',
      sevenB: ['bereikbaarheid'],
      updates: [{ daysAgo: 50, author: 'bram', note: 'Te weinig vrijwillige chauffeurs gevonden.', statusFrom: 'planned', statusTo: 'dropped' }],
    },
  ],
  initiatives: [
    {
      name: 'Speelotheek in de bibliotheek',
      description: 'Gezelschapsspellen en speelgoed gratis lenen.',
      state: 'active',
      partner: 'Bibliotheek Heidebos',
      domain: 'opvang',
    },
    {
      name: 'Zomerkamp van de jeugdraad',
      description: 'Een week kamp aan een verlaagde prijs voor kinderen uit het dorp.',
      state: 'finished',
      partner: 'Jeugdraad Heidebos',
    },
  ],
  meetings: [
    {
      body: 'stuurgroep',
      title: 'Stuurgroep 4: eerste acties en lidgeldreglement',
      inDays: 12,
      from: '19:30',
      until: '21:30',
      location: 'Gemeentehuis Heidebos, raadzaal',
      dayPart: 'evening',
      state: 'planned',
    },
  ],
};

export const demoContent: readonly TenantSeed[] = [beekvliet, heidebos];
