import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n, type I18n } from '../i18n/i18n';
import { FormError } from './form';
import { describeError } from './problem';

const useStyles = makeStyles({
  lines: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  text: { margin: `0 0 ${tokens.spacingVerticalS}` },
  impact: { fontWeight: tokens.fontWeightSemibold },
});

export interface ConfirmDeleteProps {
  open: boolean;
  title: string;
  /** What is deleted, in a sentence ("“Wonen” wordt verwijderd…"). */
  text: string;
  /** What goes with it, one line each; null while it is still being counted (the confirm button waits). */
  impactLines: string[] | null;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}

/**
 * The one confirmation before a delete: what goes, and what goes with it, before anything is
 * gone. Generic (plan entities, people, bodies): the caller supplies the title and the lines.
 */
export function ConfirmDelete({ open, title, text, impactLines, confirmLabel, onConfirm, onCancel }: ConfirmDeleteProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setBusy(true);
    setError(null);
    onConfirm()
      .catch((e: unknown) => setError(describeError(i18n, e)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface aria-describedby="confirm-delete-text">
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <FormError message={error} />
            <div id="confirm-delete-text" data-testid="confirm-delete-impact">
              <p className={styles.text}>{text}</p>
              {impactLines === null ? (
                <Spinner size="tiny" label={t('planSetup.impactLoading')} />
              ) : (
                <ul className={styles.lines}>
                  {impactLines.map((line) => (
                    <li key={line} className={styles.impact}>
                      {line}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {t('form.cancel')}
            </Button>
            <Button appearance="primary" disabled={busy || impactLines === null} onClick={confirm}>
              {busy ? t('planSetup.deleting') : confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export interface ImpactCounts {
  strategicObjectives: number;
  operationalObjectives: number;
  actions: number;
  indicators: number;
  measurements: number;
}

/** "2 strategische doelstellingen, 5 acties en 3 indicatoren gaan mee." (or that nothing else goes). */
export function impactSentence(i18n: I18n, counts: ImpactCounts): string {
  const order = ['strategicObjectives', 'operationalObjectives', 'actions', 'indicators', 'measurements'] as const;
  const parts = order.filter((k) => counts[k] > 0).map((k) => ({ key: k, n: counts[k] }));
  if (!parts.length) return i18n.t('planSetup.impactNone');
  const list = i18n.list(parts.map((p) => i18n.tc(`planSetup.impact.${p.key}`, p.n)));
  // Dutch and English agree the verb with the list: one thing "gaat", several "gaan".
  const many = parts.length > 1 || parts[0]!.n > 1 ? 2 : 1;
  return i18n.tc('planSetup.impactGoes', many, { list });
}
