import type { Trajectory } from '../api/types';

export interface InventoryViewProps {
  trajectoryId: string;
  access: Trajectory | undefined;
}

/** Placeholder until the view is built. */
export function InventoryView(_props: InventoryViewProps) {
  return null;
}
