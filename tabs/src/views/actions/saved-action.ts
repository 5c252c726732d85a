import type { Api } from '../../api/client';
import type { Action } from '../../api/types';
import { applyActionToPlan } from '../../data/plan';
import { loadResource } from '../../data/resource';

/** The action's timeline, read again after a change so that an open drawer shows it. */
export function reloadUpdates(api: Api, actionId: string): void {
  void loadResource(`updates:${actionId}`, () => api.get(`/api/v1/actions/${actionId}/updates`));
}

/** An action saved in the action dialog: the plan, the drawer's action and its timeline all take the saved state. */
export function rememberSavedAction(api: Api, trajectoryId: string, saved: Action): void {
  applyActionToPlan(trajectoryId, saved);
  void loadResource(`action:${saved.id}`, () => Promise.resolve(saved));
  reloadUpdates(api, saved.id);
}
