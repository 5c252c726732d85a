import { z } from 'zod';
import { ActionConflict, type ActionPatch } from '../../src/actions/action-service';
import { AppError, type FieldProblem } from '../../src/shared/errors';
import { actionStatuses } from '../../src/shared/enums';
import { dateOnly, INT4_MAX } from '../../src/shared/schemas';
import type { ActionField } from '../cards/action-card';
import { problemText, texts, type Lang, type Texts } from '../i18n/texts';
import { cardResponse, errorResponse, refusal, type CardHandler } from './handler';

const envelope = z.object({
  actionId: z.uuid(),
  version: z.coerce.number().int().min(1).max(INT4_MAX),
  shownStatus: z.string(),
  shownDueDate: z.string().optional().default(''),
  followUpId: z.string().max(100).optional(),
  // Inputs: what the user chose or typed. Checked field by field below so each error lands next to its input.
  status: z.string().optional(),
  progressNote: z.string().optional(),
  dueDate: z.string().optional(),
});

const fields = {
  status: z.enum(actionStatuses),
  progressNote: z.string().max(2000),
  dueDate: dateOnly,
};

const servicePaths: Record<string, ActionField> = { 'body.status': 'status', 'body.progressNote': 'progressNote', 'body.dueDate': 'dueDate' };

/** The service speaks English to API clients; the card says it in the user's words. */
/** A field problem in the card's words, by the server's code (src/shared/errors.ts), never its English. */
function fieldMessage(lang: Lang, t: Texts, field: ActionField, problem: FieldProblem): string {
  switch (problem.code) {
    case 'postpone_reason_required':
      return t.postponeReason;
    case 'date_order':
      return t.dueBeforeStart;
    case 'too_long':
      return t.tooLong;
    default:
      if (field === 'dueDate') return t.invalidDate;
      if (field === 'status') return t.invalidStatus;
      return problemText(lang, problem);
  }
}

/**
 * Saves a change from an action card through actions.update (permissions, version, timeline,
 * audit) and answers with the card in its new state, the current state on a conflict, or the
 * same card with the errors next to the fields.
 */
export const updateAction: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = envelope.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'The card data is incomplete: actionId, version and shownStatus are required');
  const t = texts[lang];
  const d = parsed.data;
  const typed: Partial<Record<ActionField, string>> = { status: d.status, progressNote: d.progressNote, dueDate: d.dueDate };
  const followUpId = d.followUpId;

  const errors: Partial<Record<ActionField, string>> = {};
  const patch: ActionPatch = {};
  if (d.status !== undefined && d.status !== d.shownStatus) {
    const status = fields.status.safeParse(d.status);
    if (status.success) patch.status = status.data;
    else errors.status = t.invalidStatus;
  }
  const note = d.progressNote?.trim() ?? '';
  if (note) {
    if (fields.progressNote.safeParse(note).success) patch.progressNote = note;
    else errors.progressNote = t.tooLong;
  }
  const due = d.dueDate?.trim() ?? '';
  if (due && due !== d.shownDueDate) {
    if (fields.dueDate.safeParse(due).success) patch.dueDate = due;
    else errors.dueDate = t.invalidDate;
  }

  try {
    if (Object.keys(errors).length) {
      return cardResponse(await services.views.card(principal, d.actionId, lang, { errors, typed, banner: { kind: 'invalid', text: t.invalid }, followUpId }));
    }
    if (Object.keys(patch).length === 0) {
      return cardResponse(await services.views.card(principal, d.actionId, lang, { banner: { kind: 'info', text: t.nothingChanged }, followUpId }));
    }
    const { card, changed } = await services.views.update(principal, d.actionId, patch, d.version, lang, { banner: { kind: 'saved', text: t.saved }, followUpId });
    if (services.notifyChange && changed.channels.length) void services.notifyChange(principal, changed).catch(() => undefined);
    return cardResponse(card);
  } catch (error) {
    if (error instanceof ActionConflict) {
      // Never overwrite: show what is there now, keep the note they wrote, and let them decide again.
      const [card] = await services.views.cards(principal, [d.actionId], lang, {
        banner: { kind: 'conflict', text: t.conflict },
        typed: { progressNote: d.progressNote },
        followUpId,
      });
      return card ? cardResponse(card) : errorResponse(404, t.notFound);
    }
    if (error instanceof AppError && error.status === 400 && error.errors?.length) {
      const mapped: Partial<Record<ActionField, string>> = {};
      for (const problem of error.errors) {
        const field = servicePaths[problem.path];
        if (field) mapped[field] = fieldMessage(lang, t, field, problem);
      }
      return cardResponse(await services.views.card(principal, d.actionId, lang, { errors: mapped, typed, banner: { kind: 'invalid', text: t.invalid }, followUpId }));
    }
    return refusal(error, { forbidden: t.forbidden, notFound: t.notFound });
  }
};
