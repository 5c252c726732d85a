import { formatDate, formatMoment, statusName, texts, type Lang } from '../i18n/texts';
import { card, container, execute, text, type Card, type Element } from './elements';

export interface SteeringRequestView {
  lang: Lang;
  meeting: { title: string; startsAt: Date };
  actions: { id: string; title: string; status: string; dueDate: string | null }[];
  followUpId?: string;
}

/**
 * Sent to an action owner some days before a steering-group meeting: their open actions, each
 * with a button that turns this card into that action's update card.
 */
export function steeringRequestCard(view: SteeringRequestView): Card {
  const t = texts[view.lang];
  const rows: Element[] = view.actions.slice(0, 15).map((a) =>
    container(
      [
        text(a.title, { weight: 'bolder' }),
        text(`${statusName(view.lang, a.status)} · ${t.dueDate.toLowerCase()} ${formatDate(view.lang, a.dueDate)}`, { size: 'small', isSubtle: true, spacing: 'none' }),
        { type: 'ActionSet', actions: [execute('openAction', t.update, { actionId: a.id, lang: view.lang, ...(view.followUpId ? { followUpId: view.followUpId } : {}) }, { associatedInputs: 'none' })] },
      ],
      { separator: true },
    ),
  );
  return card([
    container([text(t.steeringTitle, { size: 'medium', weight: 'bolder' }), text(t.steeringIntro(formatMoment(view.lang, view.meeting.startsAt)))], { style: 'accent' }),
    ...rows,
  ]);
}
