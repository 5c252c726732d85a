import path from 'node:path';

/*
 * Where a message's .eml lives: <outboxDir>/<tenantId>/<id>.eml. Both parts come from our own
 * rows, but a tenant id is text, so it is checked before it becomes a folder name: nothing
 * may step out of the outbox.
 */
const safeSegment = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function tenantOutboxDir(outboxDir: string, tenantId: string): string {
  if (!safeSegment.test(tenantId) || tenantId.includes('..')) throw new Error(`Tenant id ${JSON.stringify(tenantId)} cannot name an outbox folder`);
  return path.join(outboxDir, tenantId);
}

export function emlFileName(id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`Outbox id ${JSON.stringify(id)} is not a UUID`);
  return `${id}.eml`;
}

export function emlPath(outboxDir: string, tenantId: string, id: string): string {
  return path.join(tenantOutboxDir(outboxDir, tenantId), emlFileName(id));
}
