import type { ProblemCode } from '../../../errors';

/**
 * What is wrong with a field, by the server's problem code (src/shared/errors.ts), Dutch first;
 * `en` has the same keys. The tab and the bot both say a problem with these words.
 */
export const problemsNl = {
  'problem.required': 'Vul dit veld in.',
  'problem.too_long': 'Gebruik hoogstens {max} tekens.',
  'problem.too_large': 'Dit getal is te groot.',
  'problem.too_small': 'Dit getal is te klein.',
  'problem.negative': 'Geef een getal van 0 of meer.',
  'problem.not_integer': 'Geef een geheel getal.',
  'problem.invalid_number': 'Geef een getal, bijvoorbeeld 1.500,50.',
  'problem.invalid_date': 'Geef een geldige datum.',
  'problem.invalid_datetime': 'Geef een geldige datum en tijd.',
  'problem.year_out_of_range': 'Geef een jaar tussen {min} en {max}.',
  'problem.date_order': 'Deze datum ligt in de verkeerde volgorde met de andere datum.',
  'problem.postpone_reason_required': 'Geef een reden als je een actie uitstelt.',
  'problem.adjustment_reason_required': 'Zeg waarom je dit aanpast of stopt.',
  'problem.no_such_person': 'Deze persoon neemt (niet meer) deel aan dit traject.',
  'problem.no_such_item': 'Dit onderdeel bestaat niet (meer) in dit traject.',
  'problem.invalid_uuid': 'Deze verwijzing klopt niet.',
  'problem.invalid_choice': 'Kies een van de mogelijkheden.',
  'problem.unknown_field': 'Dit veld bestaat niet.',
  'problem.nothing_to_change': 'Er is niets gewijzigd.',
  'problem.already_taken': 'Dit bestaat al.',
  'problem.unsafe_text': 'Deze tekst bevat tekens die niet bewaard kunnen worden.',
  'problem.invalid_json': 'De gegevens konden niet gelezen worden.',
  'problem.invalid': 'Deze waarde klopt niet.',
} as const satisfies Record<`problem.${ProblemCode}`, string>;

export const problemsEn: Record<keyof typeof problemsNl, string> = {
  'problem.required': 'Fill in this field.',
  'problem.too_long': 'Use at most {max} characters.',
  'problem.too_large': 'This number is too large.',
  'problem.too_small': 'This number is too small.',
  'problem.negative': 'Give a number of 0 or more.',
  'problem.not_integer': 'Give a whole number.',
  'problem.invalid_number': 'Give a number, for example 1,500.50.',
  'problem.invalid_date': 'Give a valid date.',
  'problem.invalid_datetime': 'Give a valid date and time.',
  'problem.year_out_of_range': 'Give a year between {min} and {max}.',
  'problem.date_order': 'This date is in the wrong order with the other date.',
  'problem.postpone_reason_required': 'Give a reason when you postpone an action.',
  'problem.adjustment_reason_required': 'Say why you change or stop this.',
  'problem.no_such_person': 'This person does not (or no longer) take part in this trajectory.',
  'problem.no_such_item': 'This item does not (or no longer) exist in this trajectory.',
  'problem.invalid_uuid': 'This reference is not right.',
  'problem.invalid_choice': 'Choose one of the options.',
  'problem.unknown_field': 'This field does not exist.',
  'problem.nothing_to_change': 'Nothing was changed.',
  'problem.already_taken': 'This exists already.',
  'problem.unsafe_text': 'This text holds characters that cannot be saved.',
  'problem.invalid_json': 'The data could not be read.',
  'problem.invalid': 'This value is not right.',
};
