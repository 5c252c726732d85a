import { createTranslator, langs, type Lang } from '../../src/shared/i18n/translator';

/** The measurement card's words (issue 14), read from the one catalogue (features/bot-measurements.ts); only the shape lives here. */
function measurementTextsOf(lang: Lang) {
  const { t } = createTranslator(lang);
  return {
    title: t('bot.measurement.title'),
    intro: (indicator: string) => t('bot.measurement.intro', { indicator }),
    overdueIntro: (indicator: string, due: string) => t('bot.measurement.overdueIntro', { indicator, due }),
    action: t('bot.measurement.action'),
    kind: t('bot.measurement.kind'),
    baseline: t('bot.measurement.baseline'),
    target: t('bot.measurement.target'),
    last: t('bot.measurement.last'),
    due: t('bot.measurement.due'),
    source: t('bot.measurement.source'),
    none: t('bot.measurement.none'),
    value: (unit: string) => (unit ? t('bot.measurement.valueWithUnit', { unit }) : t('bot.measurement.value')),
    valuePlaceholder: t('bot.measurement.valuePlaceholder'),
    measuredOn: t('bot.measurement.measuredOn'),
    note: t('bot.measurement.note'),
    save: t('bot.measurement.save'),
    saved: (value: string, date: string) => t('bot.measurement.saved', { value, date }),
    valueRequired: t('bot.measurement.valueRequired'),
    dateRequired: t('bot.measurement.dateRequired'),
    tooLong: t('bot.measurement.tooLong'),
    forbidden: t('bot.measurement.forbidden'),
    notFound: t('bot.measurement.notFound'),
    readOnly: t('bot.measurement.readOnly'),
    kinds: { output: t('bot.measurement.kind.output'), outcome: t('bot.measurement.kind.outcome') } as Record<string, string>,
  };
}

export type MeasurementTexts = ReturnType<typeof measurementTextsOf>;
export const measurementTexts = Object.fromEntries(langs.map((l) => [l, measurementTextsOf(l)])) as Record<Lang, MeasurementTexts>;
