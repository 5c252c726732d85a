import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { actionStatuses, type Action, type ActionStatus, type Plan, type PlanAction, type PlanCan } from '../api/types';
import { useApp } from '../app-context';
import { actionRights, applyActionToPlan, findAction, planKey, withAction } from '../data/plan';
import { cancelResource, invalidateResource, mutateResource, peekResource } from '../data/resource';
import { label, useI18n } from '../i18n/i18n';
import { reloadUpdates } from './actions/saved-action';
import { patchActionStatus, useStatusChange } from './actions/status-change';

export interface BoardMoves {
  /** Cards whose move is on its way. */
  busy: ReadonlySet<string>;
  /** The card someone else changed first, shown fresh with a warning. */
  conflict: { id: string; title: string } | null;
  dismissConflict: () => void;
  error: unknown;
  move: (action: PlanAction, to: ActionStatus) => void;
  step: (action: PlanAction, by: -1 | 1) => void;
  /** The card the keyboard focus should follow to its new column. */
  focusAfterMove: string | null;
  focusFollowed: () => void;
  /** The postpone dialog, when open. */
  dialog: ReactNode;
}

/** How cards change column on the board: optimistic, one at a time per card, only where the server says `can.move`. */
export function useBoardMoves(trajectoryId: string, can: PlanCan | undefined): BoardMoves {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [conflict, setConflict] = useState<{ id: string; title: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);

  const showConflict = useCallback(
    (current: unknown) => {
      const fresh = current as Action | undefined;
      if (!fresh?.id) return;
      applyActionToPlan(trajectoryId, fresh);
      setConflict({ id: fresh.id, title: fresh.title });
      announce(t('conflict.board', { name: fresh.title }));
    },
    [trajectoryId, announce, t],
  );

  const queryClient = useQueryClient();
  const key = planKey(trajectoryId);
  /**
   * The one way a card changes column: PATCH with the version the card shows. The card moves at
   * once (optimistic); if the server refuses, it goes back to where it was; either way the plan
   * is read again once the last move has settled, so the board ends on the server's truth.
   */
  const statusMove = useMutation({
    mutationKey: ['board-move', trajectoryId],
    mutationFn: ({ action, to, note }: { action: PlanAction; to: ActionStatus; note?: string }) => patchActionStatus(api, action, to, note),
    onMutate: async ({ action, to, note }) => {
      setBusy((b) => new Set(b).add(action.id));
      // A read under way would put the old column back over the optimistic one.
      await cancelResource(key);
      const before = peekResource<Plan>(key);
      const was = before ? findAction(before, action.id)?.action : undefined;
      if (was) mutateResource<Plan>(key, (p) => withAction(p, { ...was, status: to }));
      // The keyboard follows the card at once; from the postpone dialog, only once it is done.
      if (note === undefined) setFocusAfterMove(action.id);
      return { was };
    },
    onSuccess: (updated, { action, to }) => {
      applyActionToPlan(trajectoryId, updated);
      setConflict((c) => (c?.id === action.id ? null : c));
      setFocusAfterMove(action.id);
      announce(t('board.moved', { name: updated.title, status: label(i18n, 'status', to) }));
      reloadUpdates(api, action.id);
    },
    onError: (_error, { action, note }, context) => {
      // Only this card goes back: other cards moved meanwhile keep their own moves.
      const was = context?.was;
      if (was) mutateResource<Plan>(key, (p) => withAction(p, was));
      // The postpone dialog stays open with its error: the focus stays in it.
      if (note === undefined) setFocusAfterMove(action.id);
    },
    onSettled: (_data, _error, { action }) => {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(action.id);
        return next;
      });
      // Reading the plan while another move is still out would show that card in its old column
      // for a moment (this move still counts itself here). Not awaited: the move is done.
      if (queryClient.isMutating({ mutationKey: ['board-move', trajectoryId] }) <= 1) void invalidateResource(key);
    },
  });
  const { mutateAsync: moveAsync } = statusMove;
  const patchStatus = useCallback(
    async (action: PlanAction, to: ActionStatus, note?: string) => {
      await moveAsync({ action, to, ...(note !== undefined ? { note } : {}) });
    },
    [moveAsync],
  );
  const { request, dialog } = useStatusChange<PlanAction>({ patch: patchStatus, onConflict: showConflict, onError: setError, dialogConflict: 'close' });

  const busyRef = useRef(busy);
  busyRef.current = busy;
  const canRef = useRef(can);
  canRef.current = can;

  const move = useCallback(
    (action: PlanAction, to: ActionStatus) => {
      // A card on its way carries the version it left with; a second move would only meet 412.
      if (to === action.status || busyRef.current.has(action.id) || !actionRights(canRef.current, action.id).move) return;
      setError(null);
      request(action, to);
    },
    [request],
  );

  const step = useCallback(
    (action: PlanAction, by: -1 | 1) => {
      const next = actionStatuses[actionStatuses.indexOf(action.status) + by];
      if (next) move(action, next);
    },
    [move],
  );

  const dismissConflict = useCallback(() => setConflict(null), []);
  const focusFollowed = useCallback(() => setFocusAfterMove(null), []);
  return { busy, conflict, dismissConflict, error, move, step, focusAfterMove, focusFollowed, dialog };
}
