import { z } from 'zod';
import { reminderLevels } from '../../src/shared/enums';
import { reminderSettingsCard } from '../cards/reminder-settings-card';
import { texts } from '../i18n/texts';
import { cardResponse, errorResponse, refusal, type CardHandler } from './handler';

const input = z.object({ trajectoryId: z.uuid(), reminders: z.string() });

/** Saves the person's reminder level through the people service (own field, audited). */
export const setReminders: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'trajectoryId or reminders is missing');
  const t = texts[lang];
  const level = z.enum(reminderLevels).safeParse(parsed.data.reminders);
  try {
    if (!level.success) {
      const { level: current } = await services.reminders.current(principal);
      return cardResponse(reminderSettingsCard({ lang, current, trajectoryId: parsed.data.trajectoryId, error: t.reminderLevelRequired }));
    }
    const saved = await services.reminders.set(principal, parsed.data.trajectoryId, level.data);
    return cardResponse(reminderSettingsCard({ lang, current: saved, trajectoryId: parsed.data.trajectoryId, saved: true }));
  } catch (error) {
    return refusal(error, { forbidden: t.forbidden, notFound: t.unknownPerson });
  }
};
