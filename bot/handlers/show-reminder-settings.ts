import { z } from 'zod';
import { reminderSettingsCard } from '../cards/reminder-settings-card';
import { texts } from '../i18n/texts';
import { cardResponse, errorResponse, messageResponse, refusal, type CardHandler } from './handler';

const input = z.object({ actionId: z.uuid().optional(), trajectoryId: z.uuid().optional() });

/** Shows the person's reminder level with a choice to change it. */
export const showReminderSettings: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'actionId or trajectoryId is not a UUID');
  try {
    let trajectoryId = parsed.data.trajectoryId;
    if (!trajectoryId && parsed.data.actionId) trajectoryId = (await services.actions.get(principal, parsed.data.actionId)).trajectoryId;
    if (!trajectoryId) return messageResponse(texts[lang].notInTrajectory);
    const { level } = await services.reminders.current(principal);
    return cardResponse(reminderSettingsCard({ lang, current: level, trajectoryId }));
  } catch (error) {
    return refusal(error, { forbidden: texts[lang].forbidden, notFound: texts[lang].unknownPerson });
  }
};
