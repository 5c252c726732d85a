import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { fieldState, FormError, useFormStyles, useSubmit } from './form';

interface PostponeDialogProps {
  open: boolean;
  /** The action's title, named in the dialog's title. */
  name: string;
  onCancel: () => void;
  /** Saves the move to "postponed" with this reason; a rejection is shown in the dialog. */
  onConfirm: (note: string) => Promise<void>;
  /**
   * Someone changed the action first (412), with the server's current action. Without it the
   * dialog says so itself and offers only "cancel".
   */
  onConflict?: (current: unknown) => void;
}

/** Postponing needs a reason: the one dialog that asks for it before the status changes. */
export function PostponeDialog({ open, name, onCancel, onConfirm, onConflict }: PostponeDialogProps) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const [note, setNote] = useState('');
  const { saving, errors, formError, conflict, submit } = useSubmit();
  // Told once per conflict, whatever the caller passes on later renders.
  const conflictHandler = useRef(onConflict);
  conflictHandler.current = onConflict;
  useEffect(() => {
    if (conflict) conflictHandler.current?.(conflict.current);
  }, [conflict]);
  const inlineConflict = Boolean(conflict) && !onConflict;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await submit(() => onConfirm(note));
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : onCancel())}>
      <DialogSurface>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t('board.postponeTitle', { name })}</DialogTitle>
            <DialogContent className={styles.form}>
              {inlineConflict ? (
                <MessageBar intent="warning">
                  <MessageBarBody>{t('conflict.board', { name })}</MessageBarBody>
                </MessageBar>
              ) : null}
              <FormError message={formError} />
              <Field label={t('form.postponeReason')} required {...fieldState(errors, 'progressNote')}>
                <Textarea name="progressNote" value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onCancel}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" appearance="primary" disabled={saving || inlineConflict}>
                {saving ? t('form.saving') : t('board.postponeConfirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
