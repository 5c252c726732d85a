import type { Verb } from '../cards/verbs';
import { answerQuestionnaire } from './answer-questionnaire';
import { approveMinutes } from './approve-minutes';
import { approveReport } from './approve-report';
import { checkInParent } from './check-in-parent';
import type { CardHandler } from './handler';
import { openAction } from './open-action';
import { proposeAgendaItem } from './propose-agenda-item';
import { recordMeasurement } from './record-measurement';
import { refreshAction } from './refresh-action';
import { refreshAgenda } from './refresh-agenda';
import { sendBackMinutes } from './send-back-minutes';
import { sendBackReport } from './send-back-report';
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
  refreshAgenda,
  proposeAgendaItem,
  approveMinutes,
  sendBackMinutes,
  checkInParent,
  approveReport,
  sendBackReport,
};
