/** The vocabulary of the roadmap, shared by the API, the bot and the tabs. */
export const actionStatuses = ['planned', 'in_progress', 'done', 'postponed', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const openStatuses: readonly ActionStatus[] = ['planned', 'in_progress', 'postponed'];

export const bodyKinds = ['steering_group', 'work_group', 'parents_group'] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const memberRoles = [
  'coordinator',
  'chair',
  'facilitator',
  'alderman',
  'staff',
  'partner',
  'parent',
  'trusted_person',
  'member',
] as const;
export type MemberRole = (typeof memberRoles)[number];

export const sectors = [
  'gemeentelijke_partners',
  'welzijnspartners',
  'gezondheid',
  'wonen_en_leven',
  'ervaringsdeskundigen',
  'onderwijs_en_vorming',
  'gezin',
] as const;

export const contactPreferences = ['teams', 'email', 'phone', 'sms', 'letter', 'via_trusted_person'] as const;
export const reminderLevels = ['normal', 'reduced', 'off'] as const;

/** The five SMART checks of an operational objective, as its fields are named. */
export const smartChecks = ['smartSpecific', 'smartMeasurable', 'smartAgreed', 'smartRealistic', 'smartTimeBound'] as const;

export const domainApproaches = ['structural', 'mitigating'] as const;
export const domainStates = ['active', 'later'] as const;
export const indicatorKinds = ['output', 'outcome'] as const;
export const initiativeStates = ['planned', 'active', 'finished'] as const;
export const meetingStates = ['planned', 'agenda_sent', 'held', 'minutes_approved', 'distributed'] as const;
export const dayParts = ['day', 'evening'] as const;
/** The evaluation's verdict on an objective or action before the next policy period. */
export const adjustments = ['kept', 'changed', 'stopped'] as const;

/** The seven B's of an accessible service. */
export const sevenB = [
  'bereikbaarheid',
  'beschikbaarheid',
  'betaalbaarheid',
  'bruikbaarheid',
  'begrijpbaarheid',
  'bekendheid',
  'betrouwbaarheid',
] as const;

export const qualityCriteria = [
  'zichtbaar',
  'gedragen',
  'krachtengericht',
  'proactief',
  'radicaal',
  'toegankelijk',
  'offensief',
  'integraal',
  'participatief',
  'democratisch',
  'effectief',
] as const;

/** The roadmap's phases, in order. */
export const roadmapPhases = [
  'beleidsbeslissing',
  'coordinator',
  'omgevingsanalyse',
  'stuurgroep',
  'stuurgroep_vergaderingen',
  'werkgroepen',
  'doelstellingen',
  'acties',
  'uitvoering',
  'evaluatie',
] as const;
export const phaseStates = ['todo', 'in_progress', 'done'] as const;
