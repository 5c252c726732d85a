import { z } from 'zod';
import type { ActionService } from '../../src/actions/action-service';
import type { Principal } from '../../src/auth/principal';
import { AppError } from '../../src/shared/errors';
import type { Card } from '../cards/elements';
import { texts, type Lang } from '../i18n/texts';
import type { ActionChange, ActionViews } from '../services/action-views';
import type { MeasurementViews } from '../services/measurement-views';
import type { ReminderPreferences } from '../services/reminder-preferences';
import type { MeetingService } from '../../src/meetings/meeting-service';
import type { MeetingViews } from '../services/meeting-views';
import type { ReportService } from '../../src/reports/report-service';
import type { ReportViews } from '../services/report-views';
import type { QuestionnaireService } from '../../src/questionnaires/questionnaire-service';
import type { SteeringService } from '../../src/steering-sessions/steering-service';
import type { CardActionResponse } from '../transport/conversation-reference';

export interface HandlerServices {
  actions: ActionService;
  views: ActionViews;
  reminders: ReminderPreferences;
  /** The measurement card: a due indicator's value (issue 14). */
  measurements: MeasurementViews;
  /** The homework card's answers (steering-group meetings 1–2). */
  steering: SteeringService;
  /** Result and satisfaction questionnaires answered on their card. */
  questionnaires: QuestionnaireService;
  /** Meetings: the agenda card's proposals, the chair's approval, the trusted person's check-in (issue 9). */
  meetings: MeetingService;
  meetingViews: MeetingViews;
  /** Reports to the college: the chair approves or sends back from their card (issue 10). */
  reports: ReportService;
  reportViews: ReportViews;
  /** Replaces the agenda card posted in the body's channel (best effort). */
  agendaChanged?: ((tenantId: string, meetingId: string) => Promise<void>) | undefined;
  /** Optional: tell the work group's channel that an action moved (best effort). */
  notifyChange?: ((principal: Principal, change: ActionChange) => Promise<void>) | undefined;
}

export interface HandlerContext {
  principal: Principal;
  lang: Lang;
  services: HandlerServices;
}

/** One Action.Execute verb: validate the data, call a service, answer with a card. */
export type CardHandler = (context: HandlerContext, data: Record<string, unknown>) => Promise<CardActionResponse>;

export function cardResponse(card: Card): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

export function messageResponse(text: string): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

export function errorResponse(statusCode: number, message: string): CardActionResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code: statusCode === 403 ? 'Forbidden' : statusCode === 404 ? 'NotFound' : 'BadRequest', message } };
}

/** 403 and 404 from a service, as the user reads them; anything else is a bug and is rethrown. */
export function refusal(error: unknown, messages: { forbidden: string; notFound: string }): CardActionResponse {
  if (error instanceof AppError && error.status === 403) return messageResponse(messages.forbidden);
  if (error instanceof AppError && error.status === 404) return messageResponse(messages.notFound);
  throw error;
}

const actionRef = z.object({ actionId: z.uuid(), followUpId: z.string().max(100).optional() });

/** Answers with one action's card as this viewer may see it (the owner gets the controls). */
export const showActionCard: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = actionRef.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'actionId is missing or not a UUID');
  try {
    return cardResponse(await services.views.card(principal, parsed.data.actionId, lang, { followUpId: parsed.data.followUpId }));
  } catch (error) {
    return refusal(error, { forbidden: texts[lang].forbidden, notFound: texts[lang].notFound });
  }
};
