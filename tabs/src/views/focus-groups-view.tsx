import type { Trajectory } from '../api/types';

export interface FocusGroupsViewProps {
  trajectoryId: string;
  focusGroupId: string | null;
  access: Trajectory | undefined;
}

/** Placeholder until the view is built. */
export function FocusGroupsView(_props: FocusGroupsViewProps) {
  return null;
}
