import { optionLabel, questionText, SCALE_MAX, SCALE_MIN, MAX_OPEN_ANSWER, type Question } from '../../src/questionnaires/questionnaire-model';
import { createTranslator, langs, type Lang } from '../../src/shared/i18n/translator';
import { card, container, execute, fieldError, text, textInput, type Card, type Element } from './elements';

// The card's words live in the one catalogue (src/shared/i18n/messages/features/bot-cards.ts).
function questionnaireCardTextsOf(lang: Lang) {
  const { t } = createTranslator(lang);
  return {
    send: t('bot.questionnaire.send'),
    optional: t('bot.questionnaire.optional'),
    scale: (low: number, high: number) => t('bot.questionnaire.scale', { low, high }),
    thanks: t('bot.questionnaire.thanks'),
    already: t('bot.questionnaire.already'),
    closed: t('bot.questionnaire.closed'),
    fix: t('bot.questionnaire.fix'),
    none: t('bot.questionnaire.none'),
    problem: {
      scale: t('bot.questionnaire.problem.scale', { min: SCALE_MIN, max: SCALE_MAX }),
      choice: t('bot.questionnaire.problem.choice'),
      open: t('bot.questionnaire.problem.open', { max: MAX_OPEN_ANSWER }),
    },
    forbidden: t('bot.questionnaire.forbidden'),
    notFound: t('bot.questionnaire.notFound'),
  };
}

export const questionnaireCardTexts = Object.fromEntries(langs.map((l) => [l, questionnaireCardTextsOf(l)])) as Record<Lang, ReturnType<typeof questionnaireCardTextsOf>>;

export interface QuestionnaireCardView {
  lang: Lang;
  questionnaire: { id: string; titleNl: string; titleEn: string; introNl: string; introEn: string; questions: Question[] };
  /** What the card shows instead of the form. */
  outcome?: 'saved' | 'already' | 'closed';
  values?: Record<string, string>;
  errors?: Record<string, string>;
  summary?: string;
}

export const answerInputId = (questionId: string) => `answer_${questionId}`;

function questionInput(view: QuestionnaireCardView, q: Question, index: number): Element[] {
  const t = questionnaireCardTexts[view.lang];
  const id = answerInputId(q.id);
  const label = `${index + 1}. ${questionText(q, view.lang)}`;
  const value = view.values?.[id];
  let input: Element;
  if (q.type === 'open') {
    input = textInput({ id, label, value, maxLength: MAX_OPEN_ANSWER, isMultiline: true });
  } else {
    const choices =
      q.type === 'scale'
        ? Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => ({ title: String(SCALE_MIN + i), value: String(SCALE_MIN + i) }))
        : q.options.map((o) => ({ title: optionLabel(o, view.lang), value: o.id }));
    input = { type: 'Input.ChoiceSet', id, label, style: 'expanded', choices, ...(value ? { value } : {}) };
  }
  return [input, q.type === 'scale' ? text(t.scale(SCALE_MIN, SCALE_MAX), { size: 'small', isSubtle: true, spacing: 'none' }) : false, fieldError(id, view.errors?.[id])].filter(
    (e): e is Element => Boolean(e),
  );
}

/** A short result or satisfaction questionnaire a member answers in Teams; answers go through the questionnaire service. */
export function questionnaireCard(view: QuestionnaireCardView): Card {
  const t = questionnaireCardTexts[view.lang];
  const q = view.questionnaire;
  const title = view.lang === 'en' && q.titleEn ? q.titleEn : q.titleNl;
  const intro = view.lang === 'en' && q.introEn ? q.introEn : q.introNl;
  if (view.outcome) {
    const message = view.outcome === 'saved' ? t.thanks : view.outcome === 'already' ? t.already : t.closed;
    return card([text(title, { size: 'medium', weight: 'bolder' }), container([text(message)], { style: view.outcome === 'closed' ? 'warning' : 'good', id: 'banner' })]);
  }
  return card(
    [
      view.summary ? container([text(view.summary)], { style: 'attention', id: 'banner' }) : false,
      text(title, { size: 'medium', weight: 'bolder' }),
      intro ? text(intro) : false,
      text(t.optional, { isSubtle: true, size: 'small' }),
      ...q.questions.flatMap((question, i) => questionInput(view, question, i)),
    ],
    { actions: [execute('answerQuestionnaire', t.send, { questionnaireId: q.id, submit: true, lang: view.lang }, { style: 'positive', associatedInputs: 'auto' })] },
  );
}
