import { Field, Select, Textarea } from '@fluentui/react-components';
import { adjustments, type Adjustment } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { fieldState, useFormStyles } from './form';

export interface AdjustmentValue {
  adjustment: Adjustment | '';
  adjustmentReason: string;
}

/** What the API receives: no decision is null; the reason goes along as typed, so the server names it when it is missing. */
export function adjustmentBody(value: AdjustmentValue): { adjustment: Adjustment | null; adjustmentReason: string } {
  return { adjustment: value.adjustment || null, adjustmentReason: value.adjustmentReason };
}

/** The evaluation's verdict on an objective or action (kept, changed, stopped) and why. */
export function AdjustmentFields({ value, onChange, errors }: { value: AdjustmentValue; onChange: (value: AdjustmentValue) => void; errors: Record<string, string> }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const needsReason = value.adjustment === 'changed' || value.adjustment === 'stopped';
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{t('adjustment.legend')}</legend>
      <Field label={t('adjustment.label')} {...fieldState(errors, 'adjustment')}>
        <Select name="adjustment" value={value.adjustment} onChange={(_, d) => onChange({ ...value, adjustment: d.value as Adjustment | '' })}>
          <option value="">{t('adjustment.none')}</option>
          {adjustments.map((a) => (
            <option key={a} value={a}>
              {t(`adjustment.${a}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('adjustment.reason')} hint={t('adjustment.reasonHint')} required={needsReason} {...fieldState(errors, 'adjustmentReason')}>
        <Textarea name="adjustmentReason" value={value.adjustmentReason} onChange={(_, d) => onChange({ ...value, adjustmentReason: d.value })} resize="vertical" />
      </Field>
    </fieldset>
  );
}
