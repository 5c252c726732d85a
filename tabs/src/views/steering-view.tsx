import type { Trajectory } from '../api/types';

export interface SteeringViewProps {
  trajectoryId: string;
  session: number | null;
  access: Trajectory | undefined;
}

/** Placeholder until the view is built. */
export function SteeringView(_props: SteeringViewProps) {
  return null;
}
