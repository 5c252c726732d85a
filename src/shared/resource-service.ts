import type { z } from 'zod';
import { assertCan, assertRead, loadAccess, refusal, type TrajectoryAccess } from '../auth/access';
import type { Capability } from '../auth/policy';
import { assertMayReferencePerson } from '../people/person-access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate, diff } from '../audit/audit';
import type { Db } from '../db/database';
import { invalid, notFound, type FieldProblem } from './errors';
import {
  deleteRow,
  existsInTrajectory,
  findRow,
  insertRow,
  listRows,
  updateRow,
  type Row,
  type TableName,
} from './resource-repository';

export interface Scope {
  trajectoryId: string;
  domainId: string | null;
  /** Owner of the action the row belongs to, for resources an owner may write. */
  ownerId?: string | null;
}

export interface ResourceSpec<C extends z.ZodType, U extends z.ZodType, O extends z.ZodType> {
  entity: string;
  table: TableName;
  plural: string;
  /** The items' own path segment when the name under the parent is too short alone (/focus-groups/{id}/proposals, /focus-group-proposals/{id}). */
  itemPlural?: string;
  tag: string;
  parent: {
    plural: string;
    entity: string;
    table: TableName;
    /** Column in this table that points at the parent. */
    column: string;
    /** Columns copied from the parent row on create (besides tenant and parent id). */
    inherit: (parent: Row) => Record<string, unknown>;
  };
  create: C;
  update: U;
  output: O;
  /** Where a row sits in the plan, for permission checks. */
  scopeOf: (db: Db, row: Row) => Promise<Scope>;
  /** What writing needs (src/auth/policy.ts), checked at the row's domain and owner. */
  permission: Capability;
  /**
   * What the caller may do with a row at this scope (src/auth/entity-rights.ts). When given, it is
   * what writing is checked against (create and update need `edit`, delete `delete`; a refusal
   * names `permission`), and every row answered carries it as `can`.
   */
  rights?: (access: TrajectoryAccess, scope: Scope, row: Row | undefined) => { edit: boolean; delete: boolean };
  /** Rules beyond the capability (e.g. which roles a membership may grant), checked before any write. */
  authorize?: (db: Db, access: TrajectoryAccess, change: { before?: Row; input?: Record<string, unknown> }) => Promise<void> | void;
  /** Input fields that must point at a row of the same trajectory ('person': one taking part in it). */
  refs?: Record<string, TableName | 'person'>;
  orderBy: string[];
  hasUpdatedAt: boolean;
  toOutput: (row: Row) => z.input<O>;
}

/** Lets TypeScript infer a spec's schema types from the object itself. */
export function defineResource<C extends z.ZodType, U extends z.ZodType, O extends z.ZodType>(spec: ResourceSpec<C, U, O>): ResourceSpec<C, U, O> {
  return spec;
}

export type AnySpec = ResourceSpec<z.ZodType, z.ZodType, z.ZodType>;

export function scopeFromRow(row: Row): Scope {
  return { trajectoryId: String(row.trajectoryId), domainId: (row.domainId as string | null | undefined) ?? null };
}

async function assertWrite(db: Db, spec: AnySpec, access: TrajectoryAccess, scope: Scope, change: { before?: Row; input?: Record<string, unknown> }): Promise<void> {
  if (spec.rights) {
    assertRead(access);
    const rights = spec.rights(access, scope, change.before);
    if (!(change.input ? rights.edit : rights.delete)) throw refusal(access, spec.permission);
  } else assertCan(access, spec.permission, { domainId: scope.domainId, ownerId: scope.ownerId ?? null });
  await spec.authorize?.(db, access, change);
}

async function checkRefs(db: Db, spec: AnySpec, access: TrajectoryAccess, input: Record<string, unknown>): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const [field, table] of Object.entries(spec.refs ?? {})) {
    const value = input[field];
    if (typeof value !== 'string') continue;
    if (table === 'person') {
      await assertMayReferencePerson(db, access, value, `body.${field}`);
      continue;
    }
    if (!(await existsInTrajectory(db, table, access.principal.tenantId, access.trajectoryId, value))) {
      problems.push({ path: `body.${field}`, message: `no such ${table} in this trajectory` });
    }
  }
  if (problems.length) throw invalid(problems);
}

/** Only the fields whose value differs: a write that changes nothing must not write. */
function changedValues(row: Row, input: Record<string, unknown>): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  // The audit log's own comparison: what it would record as changed is what gets written.
  const changed = diff(row, { ...row, ...given });
  return Object.fromEntries(Object.entries(given).filter(([key]) => key in changed));
}

export function createResourceService<C extends z.ZodType, U extends z.ZodType, O extends z.ZodType>(db: Db, spec: ResourceSpec<C, U, O>) {
  const generic = spec as unknown as AnySpec;
  /** A row as this caller reads it: with `can` where the resource states its rights. */
  const output = (row: Row, access: TrajectoryAccess, scope: Scope): z.input<O> => {
    const out = spec.toOutput(row);
    return spec.rights ? ({ ...(out as object), can: spec.rights(access, scope, row) } as z.input<O>) : out;
  };

  async function loadParent(principal: Principal, parentId: string): Promise<{ parent: Row; scope: Scope; access: TrajectoryAccess }> {
    const parent = await findRow(db, spec.parent.table, principal.tenantId, parentId);
    if (!parent) throw notFound(`${spec.parent.entity} ${parentId}`);
    const inherited = spec.parent.inherit(parent);
    const scope = await spec.scopeOf(db, { ...inherited, [spec.parent.column]: parentId, id: '', tenantId: principal.tenantId } as Row);
    const access = await loadAccess(db, principal, scope.trajectoryId);
    return { parent, scope, access };
  }

  async function loadOwn(principal: Principal, id: string, tx: Db = db, forUpdate = false) {
    const row = await findRow(tx, spec.table, principal.tenantId, id, forUpdate);
    if (!row) throw notFound(`${spec.entity} ${id}`);
    const scope = await spec.scopeOf(tx, row);
    const access = await loadAccess(tx, principal, scope.trajectoryId);
    return { row, scope, access };
  }

  return {
    async list(principal: Principal, parentId: string): Promise<z.input<O>[]> {
      const { access, scope } = await loadParent(principal, parentId);
      assertRead(access, `${spec.parent.entity} ${parentId}`);
      const rows = await listRows(db, spec.table, principal.tenantId, spec.parent.column, parentId, spec.orderBy);
      // The rows under one parent sit where the parent puts them.
      return rows.map((row) => output(row, access, scope));
    },

    async get(principal: Principal, id: string): Promise<z.input<O>> {
      const { row, scope, access } = await loadOwn(principal, id);
      assertRead(access, `${spec.entity} ${id}`);
      return output(row, access, scope);
    },

    async create(principal: Principal, parentId: string, input: z.output<C>): Promise<z.input<O>> {
      const { parent, scope, access } = await loadParent(principal, parentId);
      assertRead(access, `${spec.parent.entity} ${parentId}`);
      const values = input as Record<string, unknown>;
      await assertWrite(db, generic, access, scope, { input: values });
      await checkRefs(db, generic, access, values);
      return db.transaction().execute(async (trx) => {
        const row = await insertRow(trx, spec.table, {
          ...values,
          ...spec.parent.inherit(parent),
          [spec.parent.column]: parentId,
          tenantId: principal.tenantId,
        });
        await auditCreate(trx, actorOf(access), scope.trajectoryId, spec.entity, row);
        return output(row, access, scope);
      });
    },

    async update(principal: Principal, id: string, input: z.output<U>): Promise<z.input<O>> {
      return db.transaction().execute(async (trx) => {
        const { row, scope, access } = await loadOwn(principal, id, trx, true);
        assertRead(access, `${spec.entity} ${id}`);
        const values = changedValues(row, input as Record<string, unknown>);
        await assertWrite(trx, generic, access, scope, { before: row, input: values });
        await checkRefs(trx, generic, access, values);
        if (Object.keys(values).length === 0) return output(row, access, scope);
        const updated = await updateRow(trx, spec.table, principal.tenantId, id, spec.hasUpdatedAt ? { ...values, updatedAt: new Date() } : values);
        await auditUpdate(trx, actorOf(access), scope.trajectoryId, spec.entity, row, updated);
        return output(updated, access, scope);
      });
    },

    async remove(principal: Principal, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { row, scope, access } = await loadOwn(principal, id, trx, true);
        assertRead(access, `${spec.entity} ${id}`);
        await assertWrite(trx, generic, access, scope, { before: row });
        await deleteRow(trx, spec.table, principal.tenantId, id);
        await auditDelete(trx, actorOf(access), scope.trajectoryId, spec.entity, row);
      });
    },
  };
}
