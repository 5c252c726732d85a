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
import { beekvliet } from './demo-beekvliet';
import { heidebos } from './demo-heidebos';

/*
 * The demo municipalities as plain data. Everything that depends on "today" is written as a
 * day offset (negative = in the past) so that the demo always has overdue actions, due dates
 * coming up and meetings ahead, whenever it is loaded. People, domains, bodies and objectives
 * are referred to by a local key; demo-seed.ts turns keys into database ids. Each municipality
 * has a file of its own (demo-beekvliet.ts, demo-heidebos.ts).
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

export const demoContent: readonly TenantSeed[] = [beekvliet, heidebos];
