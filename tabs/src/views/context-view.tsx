import type { Trajectory } from '../api/types';

export interface ContextViewProps {
  trajectoryId: string;
  access: Trajectory | undefined;
}

/** Placeholder until the view is built. */
export function ContextView(_props: ContextViewProps) {
  return null;
}
