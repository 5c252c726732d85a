import type { ActionStatus } from '../../src/shared/enums';

/** Dutch (Flemish) first; English for users whose Teams speaks English. */
export type Lang = 'nl' | 'en';

export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

const statusNames: Record<Lang, Record<ActionStatus, string>> = {
  nl: { planned: 'Gepland', in_progress: 'Lopend', done: 'Afgerond', postponed: 'Uitgesteld', dropped: 'Geschrapt' },
  en: { planned: 'Planned', in_progress: 'In progress', done: 'Done', postponed: 'Postponed', dropped: 'Dropped' },
};

export function statusName(lang: Lang, status: string): string {
  return statusNames[lang][status as ActionStatus] ?? status;
}

// Building an Intl.DateTimeFormat costs far more than using one: one per language, made once.
const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const momentOptions: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Brussels' };
const momentFormats: Record<Lang, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-BE', momentOptions),
  en: new Intl.DateTimeFormat('en-GB', momentOptions),
};

/** A due date ('YYYY-MM-DD', no time zone) as people read it: "14 maart 2026". */
export function formatDate(lang: Lang, date: string | null): string {
  if (!date) return lang === 'nl' ? 'geen' : 'none';
  const [y, m, d] = date.split('-').map(Number);
  return dateFormats[lang].format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

export function formatMoment(lang: Lang, at: Date): string {
  return momentFormats[lang].format(at);
}

export const texts = {
  nl: {
    objective: 'Doelstelling',
    domain: 'Beleidsdomein',
    owner: 'Eigenaar',
    dueDate: 'Deadline',
    status: 'Status',
    lastUpdate: 'Laatste update',
    noUpdateYet: 'nog geen',
    newStatus: 'Nieuwe status',
    newStatusRequired: 'Kies een status.',
    progressNote: 'Voortgang (verplicht als je uitstelt: waarom?)',
    progressPlaceholder: 'Wat is er gebeurd sinds de vorige keer?',
    newDueDate: 'Nieuwe deadline',
    save: 'Opslaan',
    refresh: 'Vernieuwen',
    reminderSettings: 'Herinneringen',
    readOnly: 'De eigenaar, de werkgroep en de coördinatie werken deze actie bij; jij kunt ze lezen.',
    saved: 'Opgeslagen. Bedankt voor je update!',
    nothingChanged: 'Er was niets gewijzigd; de actie blijft zoals ze was.',
    conflict: 'Iemand anders heeft deze actie intussen gewijzigd. Hieronder zie je de huidige stand; kijk ze na en sla opnieuw op.',
    invalid: 'Niet opgeslagen: kijk de velden met een opmerking na.',
    forbidden: 'Je mag deze actie niet wijzigen.',
    notFound: 'Deze actie bestaat niet meer.',
    postponeReason: 'Geef een reden op als je de actie uitstelt.',
    dueBeforeStart: 'De deadline mag niet vóór de startdatum liggen.',
    invalidDate: 'Kies een geldige datum.',
    invalidStatus: 'Kies een van de statussen uit de lijst.',
    tooLong: 'Deze tekst is te lang (maximaal 2000 tekens).',
    unknownPerson:
      'Ik vind je niet terug in Kansrijk. Vraag de lokale coördinator om je toe te voegen (met je Microsoft-account), dan kan ik je acties tonen.',
    tenantNotRegistered: 'Kansrijk is nog niet ingesteld voor jouw organisatie. Vraag je IT-beheerder om de gemeente te registreren.',
    noOpenActions: 'Je hebt op dit moment geen open acties. Mooi zo!',
    yourOpenActions: (n: number) => (n === 1 ? 'Je hebt 1 open actie:' : `Je hebt ${n} open acties:`),
    moreActions: (n: number) => `Er ${n === 1 ? 'is' : 'zijn'} nog ${n} ${n === 1 ? 'actie' : 'acties'}. Zoek ze met "actie [zoekterm]".`,
    noMatches: (term: string) => `Geen acties gevonden voor "${term}".`,
    matches: (n: number, term: string) => `${n} ${n === 1 ? 'actie' : 'acties'} gevonden voor "${term}":`,
    searchNeedsTerm: 'Geef een zoekterm mee, bijvoorbeeld: actie huiswerkklas',
    notInTrajectory: 'Je neemt nog geen deel aan een traject in Kansrijk.',
    unknownCommand: (text: string) => `Dat begrijp ik niet${text ? ` ("${text}")` : ''}. Typ "hulp" voor wat ik kan.`,
    helpTitle: 'Wat kan Kansrijk voor je doen?',
    helpIntro: 'Ik help je je acties in het lokale beleid tegen kinderarmoede bij te houden, zonder de tab te openen.',
    helpCommands: [
      ['mijn acties', 'je open acties, elk met knoppen om de status bij te werken'],
      ['overzicht', 'het traject in één oogopslag: acties per domein, wat over tijd is, de volgende vergadering'],
      ['actie [zoekterm]', 'zoek een actie op titel of beschrijving'],
      ['herinneringen', 'kies hoe vaak ik je herinner aan deadlines'],
      ['agenda', 'de agenda van je volgende vergadering, met een formulier om een punt voor te stellen'],
      ['rapport', 'het voortgangsrapport dat op je goedkeuring wacht (voor de voorzitter van de stuurgroep)'],
      ['koppel [orgaan]', 'in een kanaal: koppel het kanaal aan een orgaan, zodat ik er agenda en verslagen post'],
      ['hulp', 'dit overzicht'],
    ] as [string, string][],
    helpFooter: 'Herinneringen komen alleen op werkdagen tussen 8 en 18 uur, en nooit meer dan drie per dag.',
    overviewTitle: (name: string) => `Overzicht: ${name}`,
    overviewActions: 'Acties per beleidsdomein',
    overviewOverdue: (n: number) => (n === 0 ? 'Niets over tijd.' : n === 1 ? '1 actie is over tijd.' : `${n} acties zijn over tijd.`),
    overviewNextMeeting: 'Volgende vergadering',
    overviewNoMeeting: 'Er is geen vergadering gepland.',
    overviewCounts: (open: number, done: number, total: number) => `${open} open · ${done} afgerond · ${total} in totaal`,
    reminderSettingsTitle: 'Herinneringen',
    reminderSettingsIntro: 'Hoe vaak mag ik je herinneren aan je acties?',
    reminderLevel: 'Herinneringen',
    reminderLevelRequired: 'Kies hoe vaak je herinnerd wilt worden.',
    reminderNormal: 'Normaal: voor de deadline, op de dag zelf, wekelijks bij vertraging en voor de stuurgroep',
    reminderReduced: 'Minder: alleen op de deadline en bij vertraging, hoogstens één keer per week',
    reminderOff: 'Uit: geen herinneringen',
    reminderSaved: (level: string) => `Bewaard. Je herinneringen staan nu op: ${level}.`,
    reminderNames: { normal: 'normaal', reduced: 'minder', off: 'uit' } as Record<string, string>,
    followUpBeforeDue: (days: number, date: string) => `Over ${days} ${days === 1 ? 'dag' : 'dagen'} (${date}) is de deadline van deze actie. Hoe staat ze ervoor?`,
    followUpDueToday: 'Vandaag is de deadline van deze actie. Is ze afgerond, of heb je meer tijd nodig?',
    followUpDuePassed: (date: string) => `De deadline van deze actie was ${date}. Is ze afgerond, of heb je meer tijd nodig?`,
    followUpOverdue: (weeks: number) => `Deze actie is ${weeks} ${weeks === 1 ? 'week' : 'weken'} over tijd. Wil je de status of de deadline bijwerken?`,
    steeringTitle: 'De stuurgroep komt binnenkort samen',
    steeringIntro: (when: string) => `De stuurgroep vergadert ${when}. Wil je de status van je acties bijwerken, zodat de werkgroepvoorzitter een actueel verslag kan brengen?`,
    update: 'Bijwerken',
    actionNotice: (who: string, title: string, status: string) => `${who} werkte "${title}" bij: ${status}.`,
  },
  en: {
    objective: 'Objective',
    domain: 'Policy domain',
    owner: 'Owner',
    dueDate: 'Due date',
    status: 'Status',
    lastUpdate: 'Last update',
    noUpdateYet: 'none yet',
    newStatus: 'New status',
    newStatusRequired: 'Choose a status.',
    progressNote: 'Progress (required when postponing: why?)',
    progressPlaceholder: 'What happened since last time?',
    newDueDate: 'New due date',
    save: 'Save',
    refresh: 'Refresh',
    reminderSettings: 'Reminders',
    readOnly: 'The owner, the work group and the coordination update this action; you can read it.',
    saved: 'Saved. Thanks for the update!',
    nothingChanged: 'Nothing was changed; the action stays as it was.',
    conflict: 'Someone else changed this action in the meantime. Below is its current state; check it and save again.',
    invalid: 'Not saved: check the fields with a remark.',
    forbidden: 'You may not change this action.',
    notFound: 'This action no longer exists.',
    postponeReason: 'Give a reason when you postpone the action.',
    dueBeforeStart: 'The due date must not be before the start date.',
    invalidDate: 'Choose a valid date.',
    invalidStatus: 'Choose one of the statuses in the list.',
    tooLong: 'This text is too long (2000 characters at most).',
    unknownPerson: 'I cannot find you in Kansrijk. Ask the local coordinator to add you (with your Microsoft account), then I can show your actions.',
    tenantNotRegistered: 'Kansrijk has not been set up for your organisation yet. Ask your IT administrator to register the municipality.',
    noOpenActions: 'You have no open actions right now. Well done!',
    yourOpenActions: (n: number) => (n === 1 ? 'You have 1 open action:' : `You have ${n} open actions:`),
    moreActions: (n: number) => `There ${n === 1 ? 'is' : 'are'} ${n} more. Find ${n === 1 ? 'it' : 'them'} with "action [search]".`,
    noMatches: (term: string) => `No actions found for "${term}".`,
    matches: (n: number, term: string) => `${n} ${n === 1 ? 'action' : 'actions'} found for "${term}":`,
    searchNeedsTerm: 'Add a search term, for example: action homework club',
    notInTrajectory: 'You do not take part in a trajectory in Kansrijk yet.',
    unknownCommand: (text: string) => `I do not understand that${text ? ` ("${text}")` : ''}. Type "help" to see what I can do.`,
    helpTitle: 'What can Kansrijk do for you?',
    helpIntro: "I help you keep your actions in the local policy against child poverty up to date, without opening the tab.",
    helpCommands: [
      ['my actions', 'your open actions, each with buttons to update its status'],
      ['overview', 'the trajectory at a glance: actions per domain, what is overdue, the next meeting'],
      ['action [search]', 'find an action by its title or description'],
      ['reminders', 'choose how often I remind you of due dates'],
      ['agenda', 'the agenda of your next meeting, with a form to propose an item'],
      ['report', 'the progress report that awaits your approval (for the steering group\'s chair)'],
      ['link [body]', 'in a channel: link the channel to a body, so I post its agenda and minutes there'],
      ['help', 'this overview'],
    ] as [string, string][],
    helpFooter: 'Reminders only arrive on working days between 8:00 and 18:00, and never more than three a day.',
    overviewTitle: (name: string) => `Overview: ${name}`,
    overviewActions: 'Actions per policy domain',
    overviewOverdue: (n: number) => (n === 0 ? 'Nothing is overdue.' : n === 1 ? '1 action is overdue.' : `${n} actions are overdue.`),
    overviewNextMeeting: 'Next meeting',
    overviewNoMeeting: 'No meeting has been planned.',
    overviewCounts: (open: number, done: number, total: number) => `${open} open · ${done} done · ${total} in total`,
    reminderSettingsTitle: 'Reminders',
    reminderSettingsIntro: 'How often may I remind you of your actions?',
    reminderLevel: 'Reminders',
    reminderLevelRequired: 'Choose how often you want to be reminded.',
    reminderNormal: 'Normal: before the due date, on the day itself, weekly when late and before the steering group',
    reminderReduced: 'Fewer: only on the due date and when late, at most once a week',
    reminderOff: 'Off: no reminders',
    reminderSaved: (level: string) => `Saved. Your reminders are now: ${level}.`,
    reminderNames: { normal: 'normal', reduced: 'fewer', off: 'off' } as Record<string, string>,
    followUpBeforeDue: (days: number, date: string) => `This action is due in ${days} ${days === 1 ? 'day' : 'days'} (${date}). How is it going?`,
    followUpDueToday: 'This action is due today. Is it done, or do you need more time?',
    followUpDuePassed: (date: string) => `This action was due on ${date}. Is it done, or do you need more time?`,
    followUpOverdue: (weeks: number) => `This action is ${weeks} ${weeks === 1 ? 'week' : 'weeks'} overdue. Would you update its status or due date?`,
    steeringTitle: 'The steering group meets soon',
    steeringIntro: (when: string) => `The steering group meets ${when}. Would you update the status of your actions, so that the work-group chair can give an up-to-date report?`,
    update: 'Update',
    actionNotice: (who: string, title: string, status: string) => `${who} updated "${title}": ${status}.`,
  },
} as const;

export type Texts = (typeof texts)[Lang];
