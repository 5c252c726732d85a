import { z } from 'zod';
import { can, canRead, type TrajectoryAccess } from './access';

/*
 * What the caller may do with each entity of the plan, decided here once. The services enforce
 * with these same functions (a write is refused exactly when its right below is false), and the
 * API hands the answers to the tabs and the bot, which render their controls from them and never
 * guess. So what a control offers and what the server accepts cannot drift apart.
 */

/** Every field the action form (PATCH /actions/{id}) can change. */
export const actionFieldNames = [
  'title',
  'description',
  'ownerId',
  'partners',
  'startDate',
  'dueDate',
  'status',
  'means',
  'budget',
  'intendedResult',
  'expectedResult',
  'evaluationMethod',
  'sevenB',
  'position',
  'adjustment',
  'adjustmentReason',
  'operationalObjectiveId',
  'progressNote',
] as const;
export type ActionField = (typeof actionFieldNames)[number];

/** An owner who is not in the work group only reports on their own action: its status, due date and progress. */
export const actionReportFields: readonly ActionField[] = ['status', 'dueDate', 'progressNote'];

export interface ActionPlace {
  domainId: string;
  ownerId: string | null;
}

export interface TrajectoryCan {
  /** The trajectory's own facts (name, phases, records). */
  edit: boolean;
  addDomain: boolean;
  /** Download the plan as a workbook. */
  export: boolean;
}

export interface DomainCan {
  edit: boolean;
  delete: boolean;
  addStrategicObjective: boolean;
}

export interface StrategicObjectiveCan {
  edit: boolean;
  delete: boolean;
  addOperationalObjective: boolean;
}

export interface OperationalObjectiveCan {
  edit: boolean;
  delete: boolean;
  addAction: boolean;
}

export interface ActionCan {
  /** Change every field of the action (and move it under another objective one may add actions to). */
  edit: boolean;
  /** Change its status: drag it on the board, pick another status. */
  move: boolean;
  delete: boolean;
  /** Report progress: a progress note, measurements of its indicators. */
  report: boolean;
  addIndicator: boolean;
  /** The fields of the action form the caller may change; the rest are shown read-only. */
  fields: ActionField[];
}

export interface IndicatorCan {
  edit: boolean;
  delete: boolean;
  /** Record, correct and delete measurements. */
  measure: boolean;
}

export interface MeasurementCan {
  edit: boolean;
  delete: boolean;
}

export function trajectoryCan(access: TrajectoryAccess): TrajectoryCan {
  return { edit: can(access, 'trajectory.edit'), addDomain: domainCan(access, { id: null }).edit, export: canRead(access) };
}

/** `id: null`: a domain still to be made. Choosing and shaping domains is the steering group's call. */
export function domainCan(access: TrajectoryAccess, domain: { id: string | null }): DomainCan {
  const edit = can(access, 'plan.edit');
  return { edit, delete: edit, addStrategicObjective: domain.id !== null && strategicObjectiveCan(access, { domainId: domain.id }).edit };
}

/** Objectives belong to their domain: its work group shapes them. */
export function strategicObjectiveCan(access: TrajectoryAccess, place: { domainId: string }): StrategicObjectiveCan {
  const edit = can(access, 'domain.edit', { domainId: place.domainId });
  return { edit, delete: edit, addOperationalObjective: operationalObjectiveCan(access, place).edit };
}

export function operationalObjectiveCan(access: TrajectoryAccess, place: { domainId: string }): OperationalObjectiveCan {
  const edit = can(access, 'domain.edit', { domainId: place.domainId });
  return { edit, delete: edit, addAction: edit };
}

export function actionCan(access: TrajectoryAccess, place: ActionPlace): ActionCan {
  const edit = can(access, 'domain.edit', { domainId: place.domainId });
  const report = can(access, 'action.report', { domainId: place.domainId, ownerId: place.ownerId });
  const fields: ActionField[] = edit ? [...actionFieldNames] : report ? [...actionReportFields] : [];
  return { edit, move: fields.includes('status'), delete: edit, report, addIndicator: indicatorCan(access, place).edit, fields };
}

/** An indicator is shaped with its action and measured by whoever carries the action out. */
export function indicatorCan(access: TrajectoryAccess, place: ActionPlace): IndicatorCan {
  const edit = can(access, 'domain.edit', { domainId: place.domainId });
  return { edit, delete: edit, measure: can(access, 'action.report', { domainId: place.domainId, ownerId: place.ownerId }) };
}

export function measurementCan(access: TrajectoryAccess, place: ActionPlace): MeasurementCan {
  const { measure } = indicatorCan(access, place);
  return { edit: measure, delete: measure };
}

/** Whether any answer holds a right: entries where none does are left out of lists. */
export function holdsAny(rights: object): boolean {
  return Object.values(rights).some((v: unknown) => v === true || (Array.isArray(v) && v.length > 0));
}

/* The same answers as the API shows them (OpenAPI is generated from these). */
export const trajectoryCanOutput = z.object({ edit: z.boolean(), addDomain: z.boolean(), export: z.boolean() });
export const domainCanOutput = z.object({ edit: z.boolean(), delete: z.boolean(), addStrategicObjective: z.boolean() });
export const strategicObjectiveCanOutput = z.object({ edit: z.boolean(), delete: z.boolean(), addOperationalObjective: z.boolean() });
export const operationalObjectiveCanOutput = z.object({ edit: z.boolean(), delete: z.boolean(), addAction: z.boolean() });
export const actionCanOutput = z
  .object({ edit: z.boolean(), move: z.boolean(), delete: z.boolean(), report: z.boolean(), addIndicator: z.boolean(), fields: z.array(z.enum(actionFieldNames)) })
  .describe('what the caller may do with this action; fields: which fields of the action form they may change');
export const indicatorCanOutput = z.object({ edit: z.boolean(), delete: z.boolean(), measure: z.boolean() });
export const measurementCanOutput = z.object({ edit: z.boolean(), delete: z.boolean() });
