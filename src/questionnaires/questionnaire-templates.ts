import type { QuestionnaireKind, QuestionInput } from './questionnaire-model';

/*
 * Starting points for the two measurements of the roadmap's evaluation phase, in plain words a
 * work group can adapt: a result measurement asks what someone can, does, dares, wants or knows
 * differently since the action; a satisfaction measurement asks how the action was experienced.
 */
export interface QuestionnaireTemplate {
  titleNl: string;
  titleEn: string;
  introNl: string;
  introEn: string;
  questions: QuestionInput[];
}

const yesPartlyNo = [
  { labelNl: 'Ja', labelEn: 'Yes' },
  { labelNl: 'Een beetje', labelEn: 'A little' },
  { labelNl: 'Nee', labelEn: 'No' },
];

export const questionnaireTemplates: Record<QuestionnaireKind, QuestionnaireTemplate> = {
  result: {
    titleNl: 'Wat is er veranderd?',
    titleEn: 'What has changed?',
    introNl: 'Een paar korte vragen over wat deze actie voor jou betekend heeft. Je naam staat niet bij je antwoorden.',
    introEn: 'A few short questions about what this action meant for you. Your name is not kept with your answers.',
    questions: [
      { type: 'scale', textNl: 'Ik weet nu beter waar ik terechtkan met mijn vragen.', textEn: 'I now know better where to go with my questions.' },
      { type: 'scale', textNl: 'Ik durf nu sneller hulp te vragen.', textEn: 'I now ask for help more easily.' },
      { type: 'choice', textNl: 'Doe je nu dingen anders dan voor de actie?', textEn: 'Do you do things differently than before the action?', options: yesPartlyNo },
      { type: 'open', textNl: 'Wat kan of wil je nu, dat eerder niet lukte?', textEn: 'What can you do or want now that did not work out before?' },
    ],
  },
  satisfaction: {
    titleNl: 'Hoe was het voor jou?',
    titleEn: 'How was it for you?',
    introNl: 'Vertel ons hoe je deze actie beleefd hebt, zodat we ze kunnen verbeteren. Je naam staat niet bij je antwoorden.',
    introEn: 'Tell us how you experienced this action, so we can make it better. Your name is not kept with your answers.',
    questions: [
      { type: 'scale', textNl: 'Hoe tevreden ben je over deze actie?', textEn: 'How satisfied are you with this action?' },
      { type: 'scale', textNl: 'Voelde je je welkom?', textEn: 'Did you feel welcome?' },
      { type: 'choice', textNl: 'Was de actie makkelijk te bereiken?', textEn: 'Was the action easy to get to?', options: yesPartlyNo },
      { type: 'open', textNl: 'Wat kunnen we beter doen?', textEn: 'What could we do better?' },
    ],
  },
};
