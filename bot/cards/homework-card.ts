import { createTranslator, langs, type Lang } from '../../src/shared/i18n/translator';
import { card, container, execute, fieldError, text, textInput, type Card } from './elements';

/** Longest answer the card takes (the API's limit for one answer). */
const MAX_ANSWER = 4000;

// The card's words live in the one catalogue (src/shared/i18n/messages/features/bot-cards.ts).
function homeworkTextsOf(lang: Lang) {
  const { t } = createTranslator(lang);
  return {
    title: t('bot.homework.title'),
    intro: (trajectory: string) => t('bot.homework.intro', { trajectory }),
    caseQuestion: t('bot.homework.caseQuestion'),
    caseLabel: t('bot.homework.caseLabel'),
    dreamQuestion: t('bot.homework.dreamQuestion'),
    dreamLabel: t('bot.homework.dreamLabel'),
    dreamNote: t('bot.homework.dreamNote'),
    send: t('bot.homework.send'),
    saved: t('bot.homework.saved'),
    empty: t('bot.homework.empty'),
    notMember: t('bot.homework.notMember'),
    notFound: t('bot.homework.notFound'),
  };
}

const homeworkTexts = Object.fromEntries(langs.map((l) => [l, homeworkTextsOf(l)])) as Record<Lang, ReturnType<typeof homeworkTextsOf>>;

/** What a refused answer says. */
export function homeworkRefusals(lang: Lang): { forbidden: string; notFound: string } {
  return { forbidden: homeworkTexts[lang].notMember, notFound: homeworkTexts[lang].notFound };
}

export interface HomeworkCardView {
  lang: Lang;
  trajectoryId: string;
  trajectoryName: string;
  caseText?: string;
  dreamText?: string;
  saved?: boolean;
  error?: 'empty';
  followUpId?: string;
}

/**
 * The homework between steering-group meetings 1 and 2 (appreciative inquiry): a case of
 * meaningful change and a dream, answered in the card itself.
 */
export function homeworkCard(view: HomeworkCardView): Card {
  const t = homeworkTexts[view.lang];
  return card(
    [
      view.saved ? container([text(t.saved)], { style: 'good', id: 'banner' }) : false,
      container([text(t.title, { size: 'medium', weight: 'bolder' }), text(t.intro(view.trajectoryName))], { style: 'accent' }),
      text(t.caseQuestion),
      textInput({ id: 'caseText', label: t.caseLabel, value: view.caseText, isMultiline: true, maxLength: MAX_ANSWER }),
      fieldError('caseText', view.error === 'empty' ? t.empty : undefined),
      text(t.dreamQuestion),
      textInput({ id: 'dreamText', label: t.dreamLabel, value: view.dreamText, isMultiline: true, maxLength: MAX_ANSWER }),
      text(t.dreamNote, { size: 'small', isSubtle: true }),
    ],
    {
      actions: [
        execute(
          'submitHomework',
          t.send,
          { trajectoryId: view.trajectoryId, lang: view.lang, ...(view.followUpId ? { followUpId: view.followUpId } : {}) },
          { style: 'positive', associatedInputs: 'auto' },
        ),
      ],
    },
  );
}
