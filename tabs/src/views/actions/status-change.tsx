import { useCallback, type ReactNode } from 'react';
import { ApiError, type Api } from '../../api/client';
import type { Action, ActionStatus } from '../../api/types';
import { useModal } from '../../components/modal';
import { PostponeDialog } from '../../components/postpone-dialog';

/** What a status change needs of an action: the card, the list item and the plan's action all carry it. */
interface Changeable {
  id: string;
  title: string;
  version: number;
}

/** The one request that changes a status: with the version the caller shows, so a stale screen meets 412. */
export function patchActionStatus(api: Api, action: { id: string; version: number }, to: ActionStatus, note?: string): Promise<Action> {
  return api.patch<Action>(`/api/v1/actions/${action.id}`, { status: to, ...(note !== undefined ? { progressNote: note } : {}) }, { ifMatch: action.version });
}

interface StatusChangeOptions<T> {
  /** Sends the change (the board optimistically, my actions directly); rejects with the ApiError. */
  patch: (item: T, to: ActionStatus, note?: string) => Promise<unknown>;
  /** 412: someone changed the action first; `current` is the server's action. */
  onConflict: (current: unknown, item: T) => void;
  onError: (error: unknown) => void;
  /**
   * 'close': any conflict shuts the postpone dialog and goes to onConflict (the board shows the
   * fresh card); 'inline': a conflict met while postponing is told in the dialog, which then only cancels.
   */
  dialogConflict: 'close' | 'inline';
}

/**
 * A status change as every screen does it: postponing first asks for the reason (the server
 * refuses it without one), any other status is sent at once.
 */
export function useStatusChange<T extends Changeable>({ patch, onConflict, onError, dialogConflict }: StatusChangeOptions<T>): { request: (item: T, to: ActionStatus) => void; dialog: ReactNode } {
  const postpone = useModal<T>();
  const { show, hide } = postpone;
  const request = useCallback(
    (item: T, to: ActionStatus) => {
      if (to === 'postponed') {
        show(item);
        return;
      }
      patch(item, to).catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 412)) onError(error);
        else {
          if (dialogConflict === 'close') hide();
          onConflict(error.problem.current, item);
        }
      });
    },
    [patch, onConflict, onError, show, hide, dialogConflict],
  );
  const item = postpone.value;
  const dialog = item ? (
    <PostponeDialog
      key={postpone.key}
      open={postpone.open}
      name={item.title}
      onCancel={hide}
      onConflict={
        dialogConflict === 'close'
          ? (current) => {
              hide();
              onConflict(current, item);
            }
          : undefined
      }
      onConfirm={async (note) => {
        await patch(item, 'postponed', note);
        hide();
      }}
    />
  ) : null;
  return { request, dialog };
}
