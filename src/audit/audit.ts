import type { TrajectoryAccess } from '../auth/access';
import type { Db } from '../db/database';
import { insertAudit, type AuditEntry } from './audit-repository';

type Row = Record<string, unknown>;

const ignored = new Set(['updatedAt', 'createdAt', 'version', 'tenantId']);

function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** Field-by-field difference, so the audit log says exactly what changed. */
export function diff(before: Row, after: Row): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (ignored.has(key)) continue;
    const from = normalise(before[key]);
    const to = normalise(after[key]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

/** What the log says of a field the reader may not see: that it changed, not what it held. */
export const redactedValue = { redacted: true } as const;

/** A person's contact fields in an entry's changes, redacted (create/delete snapshots and updates alike). */
export function redactContact(changes: Record<string, unknown>, fields: readonly string[] = ['email', 'phone']): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, fields.includes(key) ? redactedValue : value]));
}

function snapshot(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !ignored.has(k)).map(([k, v]) => [k, normalise(v)]));
}

export interface AuditActor {
  tenantId: string;
  userId: string | null;
  personId: string | null;
  name: string;
}

export function actorOf(access: TrajectoryAccess): AuditActor {
  return { tenantId: access.principal.tenantId, userId: access.principal.userId, personId: access.personId, name: access.principal.name };
}

function entry(
  actor: AuditActor,
  trajectoryId: string | null,
  entity: string,
  entityId: string,
  operation: AuditEntry['operation'],
  changes: Record<string, unknown>,
): AuditEntry {
  return { tenantId: actor.tenantId, trajectoryId, actorUserId: actor.userId, actorPersonId: actor.personId, actorName: actor.name, entity, entityId, operation, changes };
}

/** The audit entry for an update, or undefined when nothing that matters changed. */
export function updateEntry(actor: AuditActor, trajectoryId: string | null, entity: string, before: Row & { id: string }, after: Row): AuditEntry | undefined {
  const changes = diff(before, after);
  return Object.keys(changes).length === 0 ? undefined : entry(actor, trajectoryId, entity, before.id, 'update', changes);
}

export async function auditCreate(db: Db, actor: AuditActor, trajectoryId: string | null, entity: string, row: Row & { id: string }): Promise<void> {
  await insertAudit(db, entry(actor, trajectoryId, entity, row.id, 'create', snapshot(row)));
}

export async function auditUpdate(db: Db, actor: AuditActor, trajectoryId: string | null, entity: string, before: Row & { id: string }, after: Row): Promise<void> {
  const change = updateEntry(actor, trajectoryId, entity, before, after);
  if (change) await insertAudit(db, change);
}

export async function auditDelete(db: Db, actor: AuditActor, trajectoryId: string | null, entity: string, row: Row & { id: string }): Promise<void> {
  await insertAudit(db, entry(actor, trajectoryId, entity, row.id, 'delete', snapshot(row)));
}
