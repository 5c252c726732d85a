import type { Trajectory } from '../api/types';

export interface PhasesViewProps {
  trajectoryId: string;
  access: Trajectory | undefined;
}

/** Placeholder until the view is built. */
export function PhasesView(_props: PhasesViewProps) {
  return null;
}
