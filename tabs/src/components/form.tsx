import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { ApiError, fieldProblems, type Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { describeError, translateProblem } from './problem';

export const useFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Fields of one row start at the top: a hint or an error under one must not push its neighbour's input down.
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, margin: 0 },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightSemibold },
  checks: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  hint: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  under: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export interface SubmitState {
  saving: boolean;
  /** Translated messages per field name ('title', 'dueDate', …). */
  errors: Record<string, string>;
  formError: string | null;
  /** The action's fresh state when the server answered 412. */
  conflict: Problem | null;
  submit(work: () => Promise<void>): Promise<boolean>;
  clearConflict(): void;
}

/**
 * Runs a save and turns the server's answer into what the form shows: 400 field problems next
 * to their fields (what was typed stays), 403 and others as one message, 412 as a conflict.
 */
export function useSubmit(): SubmitState {
  const i18n = useI18n();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Problem | null>(null);

  const submit = useCallback(
    async (work: () => Promise<void>) => {
      setSaving(true);
      setFormError(null);
      try {
        await work();
        setErrors({});
        setConflict(null);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
          const { fields, other } = fieldProblems(error);
          setErrors(Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, translateProblem(i18n, p)])));
          setFormError([i18n.t('form.fixErrors'), ...other.map((p) => translateProblem(i18n, p))].join(' '));
        } else if (error instanceof ApiError && error.status === 412) {
          setConflict(error.problem);
        } else if (error instanceof ApiError && error.status === 403) {
          setFormError(i18n.t('error.forbiddenWrite'));
        } else {
          setFormError(describeError(i18n, error));
        }
        return false;
      } finally {
        setSaving(false);
      }
    },
    [i18n],
  );
  return { saving, errors, formError, conflict, submit, clearConflict: () => setConflict(null) };
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

/** Props for a Fluent Field showing a server error for `name`. */
export function fieldState(errors: Record<string, string>, name: string): { validationState?: 'error'; validationMessage?: string } {
  const message = errors[name];
  return message ? { validationState: 'error', validationMessage: message } : {};
}

export const emptyToNull = (value: string): string | null => (value.trim() === '' ? null : value);
