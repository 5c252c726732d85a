import { z } from 'zod';
import type { FieldProblem } from '../shared/errors';
import { longText, shortText } from '../shared/schemas';

/*
 * What a questionnaire is made of and what counts as a valid answer, shared by the API, the
 * card, the tab and the public form, so that every route refuses the same things.
 */
export const questionnaireKinds = ['result', 'satisfaction'] as const;
export type QuestionnaireKind = (typeof questionnaireKinds)[number];
export const questionTypes = ['scale', 'choice', 'open'] as const;
export type QuestionType = (typeof questionTypes)[number];
export const questionnaireStates = ['open', 'closed'] as const;

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
export const MAX_QUESTIONS = 12;
export const MAX_OPTIONS = 8;
export const MAX_OPEN_ANSWER = 1000;
/** Below this many answers nothing but the count is shown: a breakdown could point at a person. */
export const MIN_GROUP_SIZE = 5;

export interface QuestionOption {
  id: string;
  labelNl: string;
  labelEn: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  textNl: string;
  textEn: string;
  options: QuestionOption[];
}

export type AnswerValue = number | string;

const optionInput = z.object({ labelNl: shortText(120), labelEn: z.string().trim().max(120, 'at most 120 characters').optional() }).strict();

export const questionInput = z
  .object({
    type: z.enum(questionTypes),
    textNl: shortText(300),
    textEn: z.string().trim().max(300, 'at most 300 characters').optional(),
    options: z.array(optionInput).max(MAX_OPTIONS, `at most ${MAX_OPTIONS} options`).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const count = q.options?.length ?? 0;
    if (q.type === 'choice' && count < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs at least 2 options' });
    if (q.type !== 'choice' && count > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a choice question has options' });
  });
export type QuestionInput = z.output<typeof questionInput>;

export const questionsInput = z.array(questionInput).min(1, 'give at least one question').max(MAX_QUESTIONS, `at most ${MAX_QUESTIONS} questions`);

/** Ids follow the position: questions cannot change once answers exist, so they stay stable. */
export function withIds(input: QuestionInput[]): Question[] {
  return input.map((q, i) => ({
    id: `q${i + 1}`,
    type: q.type,
    textNl: q.textNl,
    textEn: q.textEn ?? '',
    options: (q.options ?? []).map((o, j) => ({ id: `o${j + 1}`, labelNl: o.labelNl, labelEn: o.labelEn ?? '' })),
  }));
}

export const questionOutput = z.object({
  id: z.string(),
  type: z.enum(questionTypes),
  textNl: z.string(),
  textEn: z.string(),
  options: z.array(z.object({ id: z.string(), labelNl: z.string(), labelEn: z.string() })),
});

/** Answers as sent: question id → a scale number, an option id, or text (forms send everything as text). */
export const answersInput = z.record(z.string().max(10, 'unknown question'), z.union([z.number(), longText(MAX_OPEN_ANSWER + 1000)]));

/**
 * Checks raw answers against the questions: an unknown question or option, a scale outside
 * 1–5 and an over-long text are refused by field; empty answers are skipped; at least one
 * question must be answered. `prefix` is the field path the caller reports (body.answers).
 */
export function checkAnswers(questions: Question[], raw: Record<string, unknown>, prefix: string): { answers: Record<string, AnswerValue>; problems: FieldProblem[] } {
  const answers: Record<string, AnswerValue> = {};
  const problems: FieldProblem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(raw)) {
    const path = `${prefix}.${id}`;
    const question = byId.get(id);
    if (!question) {
      problems.push({ path, message: 'no such question in this questionnaire' });
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '' || text === undefined || text === null) continue;
    if (question.type === 'scale') {
      const n = typeof text === 'number' ? text : /^\d+$/.test(String(text)) ? Number(text) : Number.NaN;
      if (!Number.isInteger(n) || n < SCALE_MIN || n > SCALE_MAX) problems.push({ path, message: `must be a whole number from ${SCALE_MIN} to ${SCALE_MAX}` });
      else answers[id] = n;
    } else if (question.type === 'choice') {
      if (typeof text !== 'string' || !question.options.some((o) => o.id === text)) problems.push({ path, message: 'not one of the options' });
      else answers[id] = text;
    } else if (typeof text !== 'string') {
      problems.push({ path, message: 'must be text' });
    } else if (text.length > MAX_OPEN_ANSWER) {
      problems.push({ path, message: `at most ${MAX_OPEN_ANSWER} characters` });
    } else {
      answers[id] = text;
    }
  }
  if (problems.length === 0 && Object.keys(answers).length === 0) problems.push({ path: prefix, message: 'answer at least one question' });
  return { answers, problems };
}

export function questionText(q: Question, lang: 'nl' | 'en'): string {
  return lang === 'en' && q.textEn ? q.textEn : q.textNl;
}

export function optionLabel(o: QuestionOption, lang: 'nl' | 'en'): string {
  return lang === 'en' && o.labelEn ? o.labelEn : o.labelNl;
}
