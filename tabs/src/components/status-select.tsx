import { Select, type SelectProps } from '@fluentui/react-components';
import type { ActionStatus } from '../api/types';
import { isStatus, useStatusChoices } from './status-choices';

type StatusSelectProps = Omit<SelectProps, 'value' | 'onChange' | 'children'> & {
  value: string;
  /** '' only where `anyLabel` offers "any status" (a filter). */
  onChange: (status: ActionStatus | '') => void;
  anyLabel?: string;
};

/** The status as a native select, inside a Field: for forms and lists (my actions, the action dialog, the plan's filter). */
export function StatusSelect({ value, onChange, anyLabel, ...select }: StatusSelectProps) {
  const choices = useStatusChoices();
  return (
    <Select {...select} value={value} onChange={(_, d) => onChange(isStatus(d.value) ? d.value : '')}>
      {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
      {choices.map((c) => (
        <option key={c.status} value={c.status}>
          {c.name}
        </option>
      ))}
    </Select>
  );
}
