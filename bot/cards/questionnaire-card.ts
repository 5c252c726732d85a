import { optionLabel, questionText, SCALE_MAX, SCALE_MIN, MAX_OPEN_ANSWER, type Question } from '../../src/questionnaires/questionnaire-model';
import type { Lang } from '../i18n/texts';
import { card, container, execute, fieldError, text, textInput, type Card, type Element } from './elements';

/** The card's own words, Dutch first (kept here: only this card uses them). */
export const questionnaireCardTexts = {
  nl: {
    send: 'Versturen',
    optional: 'Je mag een vraag overslaan. Je naam wordt niet bij je antwoorden bewaard.',
    scale: (low: number, high: number) => `${low} = helemaal niet, ${high} = helemaal wel`,
    thanks: 'Bedankt! Je antwoorden zijn opgeslagen.',
    already: 'Je hebt deze vragenlijst al ingevuld. Bedankt!',
    closed: 'Deze vragenlijst is afgesloten.',
    fix: 'Kijk je antwoorden nog even na.',
    none: 'Beantwoord minstens één vraag.',
    problem: { scale: `Kies een getal van ${SCALE_MIN} tot ${SCALE_MAX}.`, choice: 'Kies een van de mogelijkheden.', open: `Maximaal ${MAX_OPEN_ANSWER} tekens.` },
    forbidden: 'Je kunt deze vragenlijst niet invullen: je neemt niet deel aan dit traject.',
    notFound: 'Deze vragenlijst bestaat niet (meer).',
  },
  en: {
    send: 'Send',
    optional: 'You may skip a question. Your name is not kept with your answers.',
    scale: (low: number, high: number) => `${low} = not at all, ${high} = completely`,
    thanks: 'Thank you! Your answers have been saved.',
    already: 'You have answered this questionnaire already. Thank you!',
    closed: 'This questionnaire is closed.',
    fix: 'Please check your answers.',
    none: 'Answer at least one question.',
    problem: { scale: `Choose a number from ${SCALE_MIN} to ${SCALE_MAX}.`, choice: 'Choose one of the options.', open: `At most ${MAX_OPEN_ANSWER} characters.` },
    forbidden: 'You cannot answer this questionnaire: you do not take part in this trajectory.',
    notFound: 'This questionnaire does not exist (any more).',
  },
} as const;

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
