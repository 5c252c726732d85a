import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { ApiError, type FieldProblem } from '../api/client';
import type { ActionImportResult } from '../api/types';
import { useApp } from '../app-context';
import { describeError, translateServerMessage } from '../components/problem';
import { useFormStyles } from '../components/form';
import { useI18n, type I18n } from '../i18n/i18n';
import type { MessageKey } from '../../../src/shared/i18n/messages/nl';

/** Base64 grows a file by a third: 700 KB stays under the server's 1 MB body limit. */
const MAX_FILE_BYTES = 700 * 1024;

interface RowProblem extends FieldProblem {
  line?: number;
  column?: string;
}

const useStyles = makeStyles({
  fileField: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  fileInput: { minHeight: '44px', maxWidth: '100%' },
  errors: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalL, maxHeight: '40vh', overflowY: 'auto', overflowWrap: 'anywhere' },
  touch: { minHeight: '44px' },
});

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // In slices: one String.fromCharCode over a whole file would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** "Rij 4, kolom “Einddatum”: geef een datum zoals 15/09/2027." */
export function describeRowProblem(i18n: I18n, problem: RowProblem): string {
  const field = /^rows\[\d+\]\.(\w+)$/.exec(problem.path)?.[1];
  let message: string;
  if (problem.line === 1 && problem.message.startsWith('unknown column')) message = i18n.t('importActions.err.header');
  else if (field && i18n.has(`importActions.err.${field}`)) message = i18n.t(`importActions.err.${field}` as MessageKey);
  else message = translateServerMessage(i18n, problem.message);
  if (problem.line && problem.column) return i18n.t('importActions.at', { line: problem.line, column: problem.column, message });
  if (problem.line) return i18n.t('importActions.atLine', { line: problem.line, message });
  return message;
}

/** Actions from a sheet with the export's columns: all rows or none, each bad row named with its column. */
export function ImportActionsDialog({ open, trajectoryId, onClose, onImported }: { open: boolean; trajectoryId: string; onClose: () => void; onImported: (message: string) => Promise<void> }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const styles = useStyles();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const run = async () => {
    const file = fileRef.current?.files?.[0];
    setProblems([]);
    if (!file) return setMessage({ intent: 'error', text: t('importActions.noFile') });
    if (file.size > MAX_FILE_BYTES) return setMessage({ intent: 'error', text: t('importActions.tooLarge') });
    setBusy(true);
    setMessage(null);
    try {
      const content = toBase64(await file.arrayBuffer());
      const result = await api.post<ActionImportResult>(`/api/v1/trajectories/${trajectoryId}/actions/import`, { fileName: file.name, content });
      const text = i18n.tc('importActions.done', result.created);
      setMessage({ intent: 'success', text });
      if (fileRef.current) fileRef.current.value = '';
      await onImported(text);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setProblems(((error.problem.errors ?? []) as RowProblem[]).map((p) => describeRowProblem(i18n, p)));
        setMessage({ intent: 'error', text: t('importActions.failed') });
      } else if (error instanceof ApiError && error.status === 413) {
        setMessage({ intent: 'error', text: t('importActions.tooLarge') });
      } else {
        setMessage({ intent: 'error', text: describeError(i18n, error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('importActions.title')}</DialogTitle>
          <DialogContent className={form.form}>
            <p className={form.hint}>{t('importActions.hint')}</p>
            <div className={styles.fileField}>
              <label htmlFor="import-actions-file">{t('importActions.file')}</label>
              <input ref={fileRef} id="import-actions-file" className={styles.fileInput} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
            </div>
            <div role="status" aria-live="polite">
              {message ? (
                <MessageBar intent={message.intent} layout="multiline">
                  <MessageBarBody>
                    {problems.length ? <MessageBarTitle>{t('importActions.errors')}</MessageBarTitle> : null}
                    {message.text}
                    {problems.length ? (
                      <ul className={styles.errors} data-testid="import-actions-errors">
                        {problems.map((p, i) => (
                          <li key={i}>{p}</li>
                        ))}
                      </ul>
                    ) : null}
                  </MessageBarBody>
                </MessageBar>
              ) : null}
            </div>
          </DialogContent>
          <DialogActions>
            <Button className={styles.touch} appearance="secondary" onClick={onClose}>
              {t('indicators.close')}
            </Button>
            <Button className={styles.touch} appearance="primary" disabled={busy} onClick={() => void run()}>
              {busy ? t('importActions.importing') : t('importActions.submit')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
