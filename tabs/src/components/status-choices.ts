import { useMemo } from 'react';
import { actionStatuses, type ActionStatus } from '../api/types';
import { label, useI18n } from '../i18n/i18n';

export const isStatus = (value: string): value is ActionStatus => (actionStatuses as readonly string[]).includes(value);

/** Every status control offers the same statuses, in the board's order, under the same names. */
export function useStatusChoices(): { status: ActionStatus; name: string }[] {
  const i18n = useI18n();
  return useMemo(() => actionStatuses.map((status) => ({ status, name: label(i18n, 'status', status) })), [i18n]);
}
