/** Every Action.Execute verb the bot's cards use; each has exactly one handler (bot/handlers). */
export const verbs = [
  'refreshAction',
  'updateAction',
  'openAction',
  'showReminderSettings',
  'setReminders',
  'submitHomework',
  'answerQuestionnaire',
  'recordMeasurement',
  'refreshAgenda',
  'proposeAgendaItem',
  'approveMinutes',
  'sendBackMinutes',
  'checkInParent',
  'approveReport',
  'sendBackReport',
] as const;
export type Verb = (typeof verbs)[number];

export function isVerb(value: string): value is Verb {
  return (verbs as readonly string[]).includes(value);
}
