import type { Verb } from '../cards/verbs';
import { answerQuestionnaire } from './answer-questionnaire';
import type { CardHandler } from './handler';
import { openAction } from './open-action';
import { recordMeasurement } from './record-measurement';
import { refreshAction } from './refresh-action';
import { setReminders } from './set-reminders';
import { showReminderSettings } from './show-reminder-settings';
import { submitHomework } from './submit-homework';
import { updateAction } from './update-action';

/** One handler per verb; the Record type makes a verb without a handler a compile error. */
export const cardHandlers: Record<Verb, CardHandler> = {
  refreshAction,
  updateAction,
  openAction,
  showReminderSettings,
  setReminders,
  submitHomework,
  answerQuestionnaire,
  recordMeasurement,
};
