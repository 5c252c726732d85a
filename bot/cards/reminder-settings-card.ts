import { reminderLevels } from '../../src/shared/enums';
import { texts, type Lang } from '../i18n/texts';
import { card, choiceSet, container, execute, fieldError, text, type Card } from './elements';

export interface ReminderSettingsView {
  lang: Lang;
  current: string;
  trajectoryId: string;
  saved?: boolean;
  error?: string;
}

/** Lets a person turn reminders down or off; the choice goes through the people service. */
export function reminderSettingsCard(view: ReminderSettingsView): Card {
  const t = texts[view.lang];
  const names = { normal: t.reminderNormal, reduced: t.reminderReduced, off: t.reminderOff };
  return card(
    [
      view.saved ? container([text(t.reminderSaved(t.reminderNames[view.current] ?? view.current))], { style: 'good', id: 'banner' }) : false,
      text(t.reminderSettingsTitle, { size: 'medium', weight: 'bolder' }),
      text(t.reminderSettingsIntro),
      choiceSet({
        id: 'reminders',
        label: t.reminderLevel,
        value: view.current,
        choices: reminderLevels.map((level) => ({ title: names[level], value: level })),
        isRequired: true,
        errorMessage: t.reminderLevelRequired,
      }),
      fieldError('reminders', view.error),
    ],
    { actions: [execute('setReminders', t.save, { trajectoryId: view.trajectoryId, lang: view.lang }, { style: 'positive', associatedInputs: 'auto' })] },
  );
}
