import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ApiError, type FieldProblem } from '../api/client';
import { useI18n, type I18n } from '../i18n/i18n';

export function describeError(i18n: I18n, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return i18n.t('error.network');
      case 401:
        return i18n.t('error.auth');
      case 403:
        return i18n.t('error.forbidden');
      case 404:
        return i18n.t('error.notFound');
      default:
        return i18n.t('error.generic', { status: error.status });
    }
  }
  return i18n.t('error.generic', { status: error instanceof Error ? error.message : String(error) });
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{i18n.t('error.title')}</MessageBarTitle>
        {describeError(i18n, error)}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{i18n.t('error.retry')}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

/**
 * A field problem in the user's language, by its code (src/shared/errors.ts): the same words the
 * bot uses (`problem.*` in the one catalogue). A few codes read better said for their field.
 */
export function translateProblem(i18n: I18n, problem: FieldProblem): string {
  const { t } = i18n;
  if (!problem.code) return translateServerMessage(i18n, problem.message);
  if (problem.code === 'date_order') {
    if (problem.params?.other === 'startDate') return t('v.dueBeforeStart');
    return t('v.periodOrder');
  }
  if (problem.code === 'invalid' && problem.message.startsWith('must be after the start of the period it continues')) return t('period.startTooEarly');
  const key = `problem.${problem.code}`;
  return i18n.has(key) ? t(key, problem.params) : t('problem.invalid');
}

/** Older callers that hold only the server's English message. */
export function translateServerMessage(i18n: I18n, message: string): string {
  const { t } = i18n;
  if (message === 'must not be empty') return t('v.empty');
  const max = /^at most (\d+) characters$/.exec(message);
  if (max) return t('v.maxChars', { max: max[1]! });
  if (message.startsWith('must be a date')) return t('v.date');
  if (message.startsWith('the year must be between')) return t('v.date');
  if (message === 'must not be before startDate') return t('v.dueBeforeStart');
  if (message === 'must not be before periodStart' || message === 'must not be after periodEnd') return t('v.periodOrder');
  if (message === 'must not be negative') return t('v.negative');
  if (message === 'too large') return t('v.tooLarge');
  if (message === 'give a reason when postponing') return t('v.postponeReason');
  if (message === 'give the reason for changing or stopping it') return t('adjustment.reasonMissing');
  if (message.startsWith('must be after the start of the period it continues')) return t('period.startTooEarly');
  if (message === 'no such person' || message === 'no such person in this trajectory') return t('v.noSuchPerson');
  if (/expected number/i.test(message)) return t('v.number');
  return t('v.invalid', { message });
}
