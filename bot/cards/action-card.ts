import { actionStatuses } from '../../src/shared/enums';
import { formatDate, statusName, texts, type Lang } from '../i18n/texts';
import { card, choiceSet, container, dateInput, execute, facts, fieldError, text, textInput, type Card, type Element } from './elements';

export type ActionField = 'status' | 'progressNote' | 'dueDate';

export interface ActionCardView {
  lang: Lang;
  action: {
    id: string;
    title: string;
    status: string;
    dueDate: string | null;
    version: number;
    objectiveTitle: string;
    domainName: string;
    ownerName: string | null;
  };
  lastUpdate: { at: Date; authorName: string; note: string; statusTo: string | null } | null;
  /** The viewer owns the action: show the inputs; everyone else gets the read-only view. */
  editable: boolean;
  /** Teams user ids (MRI) whose client refreshes the card by itself: the owner and the coordinators. */
  refreshUserIds: string[];
  banner?: { kind: 'saved' | 'conflict' | 'invalid' | 'info' | 'reminder'; text: string } | undefined;
  errors?: Partial<Record<ActionField, string>> | undefined;
  /** What the user typed, kept when the card comes back with an error. */
  typed?: Partial<Record<ActionField, string>> | undefined;
  followUpId?: string | undefined;
}

const bannerStyle = { saved: 'good', conflict: 'warning', invalid: 'attention', info: 'emphasis', reminder: 'accent' } as const;

/** The data every button of this card sends back, besides the inputs. */
export interface ActionCardData {
  actionId: string;
  version: number;
  lang: Lang;
  shownStatus: string;
  shownDueDate: string;
  followUpId?: string;
}

/** One action: what it is, where it stands, and (for its owner) the controls to move it on. */
export function actionCard(view: ActionCardView): Card {
  const t = texts[view.lang];
  const a = view.action;
  const data: ActionCardData = {
    actionId: a.id,
    version: a.version,
    lang: view.lang,
    shownStatus: a.status,
    shownDueDate: a.dueDate ?? '',
    ...(view.followUpId ? { followUpId: view.followUpId } : {}),
  };
  const last = view.lastUpdate;
  const lastText = last
    ? `${formatDate(view.lang, last.at.toISOString().slice(0, 10))}, ${last.authorName}${last.note ? `: ${last.note}` : last.statusTo ? ` → ${statusName(view.lang, last.statusTo)}` : ''}`
    : t.noUpdateYet;

  const body: (Element | false)[] = [
    view.banner ? container([text(view.banner.text, { weight: view.banner.kind === 'reminder' ? 'bolder' : undefined })], { style: bannerStyle[view.banner.kind], id: 'banner' }) : false,
    text(a.title, { size: 'medium', weight: 'bolder', id: 'title' }),
    facts([
      [t.objective, a.objectiveTitle],
      [t.domain, a.domainName],
      [t.owner, a.ownerName ?? '—'],
      [t.dueDate, formatDate(view.lang, a.dueDate)],
      [t.status, statusName(view.lang, a.status)],
      [t.lastUpdate, lastText],
    ]),
  ];

  if (!view.editable) {
    body.push(text(t.readOnly, { isSubtle: true, size: 'small' }));
    return card(body, { refresh: refresh(view, data), actions: [execute('refreshAction', t.refresh, { ...data })] });
  }

  const errors = view.errors ?? {};
  const typed = view.typed ?? {};
  body.push(
    choiceSet({
      id: 'status',
      label: t.newStatus,
      value: typed.status ?? a.status,
      choices: actionStatuses.map((s) => ({ title: statusName(view.lang, s), value: s })),
      isRequired: true,
      errorMessage: t.newStatusRequired,
    }),
    fieldError('status', errors.status),
    textInput({ id: 'progressNote', label: t.progressNote, value: typed.progressNote, placeholder: t.progressPlaceholder, maxLength: 2000, isMultiline: true }),
    fieldError('progressNote', errors.progressNote),
    dateInput({ id: 'dueDate', label: t.newDueDate, value: typed.dueDate ?? a.dueDate }),
    fieldError('dueDate', errors.dueDate),
  );
  return card(body, {
    refresh: refresh(view, data),
    actions: [
      execute('updateAction', t.save, { ...data }, { style: 'positive', associatedInputs: 'auto' }),
      execute('showReminderSettings', t.reminderSettings, { actionId: a.id, lang: view.lang }, { associatedInputs: 'none' }),
    ],
  });
}

function refresh(view: ActionCardView, data: ActionCardData): { action: Element; userIds: string[] } {
  const t = texts[view.lang];
  // The refresh action runs without a button, so it needs no fallback for older clients.
  const { fallback: _fallback, ...action } = execute('refreshAction', t.refresh, { ...data });
  return { action: action as Element, userIds: view.refreshUserIds };
}
