import type { Lang } from '../i18n/texts';
import { card, container, execute, fieldError, text, textInput, type Card } from './elements';

/** Longest answer the card takes (the API's limit for one answer). */
const MAX_ANSWER = 4000;

const homeworkTexts = {
  nl: {
    title: 'Huiswerk voor de volgende stuurgroep',
    intro: (trajectory: string) =>
      `Op de volgende stuurgroep van ${trajectory} zoeken we samen naar wat écht verschil maakt voor gezinnen. Neem daarvoor even de tijd voor deze twee vragen. Schrijf gerust kort: je vertelt er op de vergadering meer over.`,
    caseQuestion:
      'Een verhaal dat werkte. Denk aan een moment waarop het leven van je eigen gezin, of van een gezin met een beperkt inkomen dat je kent, echt de goede kant op ging. Wat maakte het verschil? Zonder welk element was het niet gelukt?',
    caseLabel: 'Jouw verhaal en wat het verschil maakte',
    dreamQuestion:
      'Een droom. Stel: je wordt wakker in een gemeente waar elk gezin met kinderen zich thuis voelt. Hoe ziet die gemeente eruit? Wat mag in die droom zeker niet ontbreken?',
    dreamLabel: 'Jouw droom en wat er onmisbaar in is',
    dreamNote: 'Dromen is hier een denkoefening, nog geen belofte van acties.',
    send: 'Versturen',
    saved: 'Bedankt! Je antwoord is bewaard. Je kunt het nog aanpassen tot de vergadering.',
    empty: 'Vul minstens één van de twee vragen in.',
    notMember: 'Alleen leden van de stuurgroep beantwoorden dit huiswerk.',
    notFound: 'Dit traject vind ik niet (meer) terug.',
  },
  en: {
    title: 'Homework for the next steering group',
    intro: (trajectory: string) =>
      `At the next steering-group meeting of ${trajectory} we look together for what really makes a difference for families. Please take a moment for these two questions. Short answers are fine: you can tell more at the meeting.`,
    caseQuestion:
      'A story that worked. Think of a time when life got really better for your own family, or for a family on a limited income you know. What made the difference? Without which element would it not have worked?',
    caseLabel: 'Your story and what made the difference',
    dreamQuestion:
      'A dream. Imagine waking up in a municipality where every family with children feels at home. What does it look like? What must not be missing from that dream?',
    dreamLabel: 'Your dream and what it cannot do without',
    dreamNote: 'Dreaming is a thinking exercise here, not yet a promise of actions.',
    send: 'Send',
    saved: 'Thank you! Your answer is saved. You can still change it until the meeting.',
    empty: 'Fill in at least one of the two questions.',
    notMember: 'Only members of the steering group answer this homework.',
    notFound: 'I cannot find this trajectory (any more).',
  },
} as const;

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
