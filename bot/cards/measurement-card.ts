import { formatDate, type Lang } from '../i18n/texts';
import { measurementTexts } from '../i18n/measurement-texts';
import { card, container, dateInput, execute, facts, fieldError, text, textInput, type Card, type Element } from './elements';

export type MeasurementField = 'value' | 'measuredOn' | 'note';

export interface MeasurementCardView {
  lang: Lang;
  plan: {
    id: string;
    indicatorName: string;
    unit: string;
    kind: string;
    baseline: number | null;
    target: number | null;
    actionTitle: string;
    source: string;
    lastValue: number | null;
    lastMeasuredOn: string | null;
    dueOn: string;
  };
  today: string;
  /** The viewer holds action.report at the indicator's action: the card gets its inputs. */
  editable: boolean;
  saved?: { value: number; measuredOn: string };
  errors?: Partial<Record<MeasurementField, string>>;
  typed?: Partial<Record<MeasurementField, string>>;
  followUpId?: string | undefined;
}

function number(lang: Lang, value: number | null, unit: string): string {
  if (value === null) return measurementTexts[lang].none;
  const shown = new Intl.NumberFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
  return unit ? `${shown} ${unit}` : shown;
}

/**
 * Sent to the measurer when an indicator's measurement is due: what is measured and against
 * what, and (for who may record it) the inputs for the value. Saving goes through the same
 * measurement service as the tab (recordMeasurement).
 */
export function measurementCard(view: MeasurementCardView): Card {
  const t = measurementTexts[view.lang];
  const p = view.plan;
  const late = p.dueOn < view.today;
  const rows: [string, string][] = [
    [t.action, p.actionTitle],
    [t.kind, t.kinds[p.kind] ?? p.kind],
    [t.baseline, number(view.lang, p.baseline, p.unit)],
    [t.target, number(view.lang, p.target, p.unit)],
    [t.last, p.lastMeasuredOn ? `${number(view.lang, p.lastValue, p.unit)} (${formatDate(view.lang, p.lastMeasuredOn)})` : t.none],
    [t.due, formatDate(view.lang, p.dueOn)],
  ];
  if (p.source) rows.push([t.source, p.source]);
  const inputs: (Element | false)[] =
    view.editable && !view.saved
      ? [
          // Text, not Input.Number: people type "1.500,50" the Belgian way, and the handler reads it (parseAmount).
          {
            type: 'Input.Text',
            id: 'value',
            label: t.value(p.unit),
            placeholder: t.valuePlaceholder,
            maxLength: 40,
            isRequired: true,
            errorMessage: t.valueRequired,
            ...(view.typed?.value ? { value: view.typed.value } : {}),
          },
          fieldError('value', view.errors?.value),
          dateInput({ id: 'measuredOn', label: t.measuredOn, value: view.typed?.measuredOn ?? view.today }),
          fieldError('measuredOn', view.errors?.measuredOn),
          textInput({ id: 'note', label: t.note, value: view.typed?.note, maxLength: 1000, isMultiline: true }),
          fieldError('note', view.errors?.note),
        ]
      : [];
  return card(
    [
      view.saved
        ? container([text(t.saved(number(view.lang, view.saved.value, p.unit), formatDate(view.lang, view.saved.measuredOn)))], { style: 'good', id: 'banner' })
        : false,
      container(
        [
          text(t.title, { size: 'medium', weight: 'bolder' }),
          text(late ? t.overdueIntro(p.indicatorName, formatDate(view.lang, p.dueOn)) : t.intro(p.indicatorName)),
        ],
        { style: late ? 'warning' : 'accent' },
      ),
      facts(rows),
      ...inputs,
      !view.editable ? text(t.readOnly, { size: 'small', isSubtle: true }) : false,
    ],
    {
      actions:
        view.editable && !view.saved
          ? [execute('recordMeasurement', t.save, { planId: p.id, lang: view.lang, ...(view.followUpId ? { followUpId: view.followUpId } : {}) }, { style: 'positive', associatedInputs: 'auto' })]
          : [],
    },
  );
}
