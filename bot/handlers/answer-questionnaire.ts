import { z } from 'zod';
import { AppError } from '../../src/shared/errors';
import { answerInputId, questionnaireCard, questionnaireCardTexts } from '../cards/questionnaire-card';
import { cardResponse, errorResponse, refusal, type CardHandler } from './handler';

const input = z.object({ questionnaireId: z.uuid(), submit: z.boolean().optional() });

/**
 * Without `submit`, shows the questionnaire (or that it was answered); with it, saves the
 * member's own answers through the same service as the tab, the trusted person and the link.
 */
export const answerQuestionnaire: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'questionnaireId is missing or not a UUID');
  const t = questionnaireCardTexts[lang];
  try {
    const questionnaire = await services.questionnaires.get(principal, parsed.data.questionnaireId);
    if (questionnaire.answeredByMe) return cardResponse(questionnaireCard({ lang, questionnaire, outcome: 'already' }));
    if (questionnaire.state !== 'open') return cardResponse(questionnaireCard({ lang, questionnaire, outcome: 'closed' }));
    if (!parsed.data.submit) return cardResponse(questionnaireCard({ lang, questionnaire }));
    const values: Record<string, string> = {};
    const answers: Record<string, string> = {};
    for (const q of questionnaire.questions) {
      const raw = data[answerInputId(q.id)];
      if (typeof raw === 'string' || typeof raw === 'number') {
        values[answerInputId(q.id)] = String(raw);
        answers[q.id] = String(raw);
      }
    }
    try {
      await services.questionnaires.answer(principal, questionnaire.id, { answers });
      return cardResponse(questionnaireCard({ lang, questionnaire, outcome: 'saved' }));
    } catch (error) {
      if (error instanceof AppError && error.status === 400 && error.errors) {
        const errors: Record<string, string> = {};
        let summary: string = t.fix;
        for (const problem of error.errors) {
          const id = problem.path.split('.')[2];
          const question = questionnaire.questions.find((q) => q.id === id);
          if (question) errors[answerInputId(question.id)] = t.problem[question.type];
          else summary = t.none;
        }
        return cardResponse(questionnaireCard({ lang, questionnaire, values, errors, summary }));
      }
      if (error instanceof AppError && error.status === 409) return cardResponse(questionnaireCard({ lang, questionnaire, outcome: questionnaire.state === 'open' ? 'already' : 'closed' }));
      throw error;
    }
  } catch (error) {
    return refusal(error, { forbidden: t.forbidden, notFound: t.notFound });
  }
};
