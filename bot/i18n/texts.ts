import type { ActionStatus } from '../../src/shared/enums';
import type { FieldProblem } from '../../src/shared/errors';
import { createTranslator, langs, pickLang, type Lang } from '../../src/shared/i18n/translator';

/*
 * The bot's words, read from the one catalogue (src/shared/i18n/messages/features/bot*.ts) through
 * the shared ICU translator: this file only gives the cards and handlers the shape they call.
 */
export type { Lang };

/**
 * The language of a Teams locale ("nl-BE", "en-US"): the bot answers in the user's Teams language,
 * whatever the words of the command. Dutch unless Teams speaks English.
 */
export function langOf(locale: string | undefined): Lang {
  return pickLang([locale]);
}

export function statusName(lang: Lang, status: string): string {
  const tr = createTranslator(lang);
  const key = `status.${status as ActionStatus}` as const;
  return tr.has(key) ? tr.t(key) : status;
}

/** A due date ('YYYY-MM-DD', no time zone) as people read it: "14 maart 2026". */
export function formatDate(lang: Lang, date: string | null): string {
  const tr = createTranslator(lang);
  return date ? tr.date(date, 'long') : tr.t('bot.noDate');
}

/** A field problem in the user's language, by the server's code: the same words the tab uses. */
export function problemText(lang: Lang, problem: FieldProblem): string {
  const tr = createTranslator(lang);
  const key = `problem.${problem.code ?? 'invalid'}`;
  return tr.has(key) ? tr.t(key, problem.params) : tr.t('problem.invalid');
}

/** A moment in Brussels time: "zaterdag 14 maart om 14:00". */
export function formatMoment(lang: Lang, at: Date): string {
  return createTranslator(lang).dateTime(at, 'long');
}

const helpCommands = ['myActions', 'overview', 'search', 'reminders', 'agenda', 'report', 'bind', 'help'] as const;
const reminderLevels = ['normal', 'reduced', 'off'] as const;

function textsOf(lang: Lang) {
  const { t } = createTranslator(lang);
  return {
    objective: t('bot.objective'),
    domain: t('bot.domain'),
    owner: t('bot.owner'),
    dueDate: t('bot.dueDate'),
    status: t('bot.status'),
    lastUpdate: t('bot.lastUpdate'),
    noUpdateYet: t('bot.noUpdateYet'),
    newStatus: t('bot.newStatus'),
    newStatusRequired: t('bot.newStatusRequired'),
    progressNote: t('bot.progressNote'),
    progressPlaceholder: t('bot.progressPlaceholder'),
    newDueDate: t('bot.newDueDate'),
    save: t('bot.save'),
    refresh: t('bot.refresh'),
    reminderSettings: t('bot.reminderSettings'),
    readOnly: t('bot.readOnly'),
    saved: t('bot.saved'),
    nothingChanged: t('bot.nothingChanged'),
    conflict: t('bot.conflict'),
    invalid: t('bot.invalid'),
    forbidden: t('bot.forbidden'),
    notFound: t('bot.notFound'),
    postponeReason: t('bot.postponeReason'),
    dueBeforeStart: t('bot.dueBeforeStart'),
    invalidDate: t('bot.invalidDate'),
    invalidStatus: t('bot.invalidStatus'),
    tooLong: t('bot.tooLong'),
    unknownPerson: t('bot.unknownPerson'),
    tenantNotRegistered: t('bot.tenantNotRegistered'),
    noOpenActions: t('bot.noOpenActions'),
    yourOpenActions: (n: number) => t('bot.yourOpenActions', { count: n }),
    moreActions: (n: number) => t('bot.moreActions', { count: n }),
    noMatches: (term: string) => t('bot.noMatches', { term }),
    matches: (n: number, term: string) => t('bot.matches', { count: n, term }),
    searchNeedsTerm: t('bot.searchNeedsTerm'),
    notInTrajectory: t('bot.notInTrajectory'),
    unknownCommand: (text: string) => (text ? t('bot.unknownCommandQuoted', { text }) : t('bot.unknownCommand')),
    helpTitle: t('bot.helpTitle'),
    helpIntro: t('bot.helpIntro'),
    helpCommands: helpCommands.map((c): [string, string] => [t(`bot.help.${c}.command`), t(`bot.help.${c}.text`)]),
    helpFooter: t('bot.helpFooter'),
    overviewTitle: (name: string) => t('bot.overviewTitle', { name }),
    overviewActions: t('bot.overviewActions'),
    overviewOverdue: (n: number) => t('bot.overviewOverdue', { count: n }),
    overviewNextMeeting: t('bot.overviewNextMeeting'),
    overviewNoMeeting: t('bot.overviewNoMeeting'),
    overviewCounts: (open: number, done: number, total: number) => t('bot.overviewCounts', { open, done, total }),
    reminderSettingsTitle: t('bot.reminderSettingsTitle'),
    reminderSettingsIntro: t('bot.reminderSettingsIntro'),
    reminderLevel: t('bot.reminderLevel'),
    reminderLevelRequired: t('bot.reminderLevelRequired'),
    reminderNormal: t('bot.reminderNormal'),
    reminderReduced: t('bot.reminderReduced'),
    reminderOff: t('bot.reminderOff'),
    reminderSaved: (level: string) => t('bot.reminderSaved', { level }),
    reminderNames: Object.fromEntries(reminderLevels.map((l) => [l, t(`bot.reminderName.${l}`)])) as Record<string, string>,
    followUpBeforeDue: (days: number, date: string) => t('bot.followUpBeforeDue', { days, date }),
    followUpDueToday: t('bot.followUpDueToday'),
    followUpDuePassed: (date: string) => t('bot.followUpDuePassed', { date }),
    followUpOverdue: (weeks: number) => t('bot.followUpOverdue', { weeks }),
    steeringTitle: t('bot.steeringTitle'),
    steeringIntro: (when: string) => t('bot.steeringIntro', { when }),
    update: t('bot.update'),
    actionNotice: (who: string, title: string, status: string) => t('bot.actionNotice', { who, title, status }),
  };
}

export type Texts = ReturnType<typeof textsOf>;
export const texts = Object.fromEntries(langs.map((l) => [l, textsOf(l)])) as Record<Lang, Texts>;
