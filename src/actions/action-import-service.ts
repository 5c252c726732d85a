import { randomUUID } from 'node:crypto';
import { assertCan, assertRead, can, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate } from '../audit/audit';
import { insertAudit } from '../audit/audit-repository';
import type { Db } from '../db/database';
import { AppError, invalid, notFound } from '../shared/errors';
import { decode } from '../initiatives/initiative-import-service';
import { ImportFileError, normalise, type ImportProblem } from '../initiatives/initiative-import';
import { publicRow } from '../shared/schemas';
import { actionsPerObjective, lockActionImports, objectivePaths, peopleOfTrajectory, trajectoryExists } from './action-bulk-repository';
import { readActionSheet, type ImportedAction } from './action-import';
import { insertAction } from './action-repository';
import { mayEditSomeDomain } from './action-reassign';
import type { ActionOutput } from './action-service';

export interface ActionImportRequest {
  fileName: string;
  /** The .xlsx file's bytes, base64. */
  content: string;
  dryRun?: boolean | undefined;
}

export interface ActionImportResult {
  dryRun: boolean;
  created: number;
  actions: ActionOutput[];
}

function rejected(problems: ImportProblem[]): AppError {
  return invalid(problems, `The sheet has ${problems.length} problem(s); nothing was imported`);
}

/** Titles compare as a reader would: case, accents and spacing aside. */
const key = (text: string) => normalise(text);

class DryRun extends Error {
  constructor(readonly result: ActionImportResult) {
    super('dry run');
  }
}

export function createActionImportService(db: Db) {
  return {
    /** The whole sheet or nothing: one bad row anywhere and no action is saved. */
    async import(principal: Principal, trajectoryId: string, request: ActionImportRequest): Promise<ActionImportResult> {
      const { tenantId } = principal;
      if (!(await trajectoryExists(db, tenantId, trajectoryId))) throw notFound(`trajectory ${trajectoryId}`);
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      if (!mayEditSomeDomain(access)) assertCan(access, 'domain.edit');
      if (!/\.xlsx$/i.test(request.fileName)) throw invalid([{ path: 'body.fileName', message: 'must end in .xlsx (the plan export, or a sheet with its columns)' }]);
      const bytes = decode(request.content);
      let rows: ImportedAction[];
      let rowProblems: ImportProblem[];
      try {
        ({ rows, problems: rowProblems } = await readActionSheet(bytes));
      } catch (error) {
        if (error instanceof ImportFileError) throw rejected(error.problems);
        throw error;
      }

      const actor = actorOf(access);
      return db
        .transaction()
        .execute(async (trx) => {
          await lockActionImports(trx, tenantId, trajectoryId);
          const [objectives, people, existing] = await Promise.all([
            objectivePaths(trx, tenantId, trajectoryId),
            peopleOfTrajectory(trx, tenantId, trajectoryId),
            actionsPerObjective(trx, tenantId, trajectoryId),
          ]);
          const titles = new Map<string, Map<string, number>>();
          const next = new Map<string, number>();
          for (const a of existing) {
            titles.set(a.operationalObjectiveId, (titles.get(a.operationalObjectiveId) ?? new Map()).set(key(a.title), 0));
            next.set(a.operationalObjectiveId, Math.max(next.get(a.operationalObjectiveId) ?? 0, a.position + 1));
          }
          const problems: ImportProblem[] = [...rowProblems];
          const result: ActionImportResult = { dryRun: Boolean(request.dryRun), created: 0, actions: [] };
          for (const row of rows) {
            const problem = (column: 'domain' | 'strategic' | 'operational' | 'owner' | 'action', message: string) =>
              problems.push({ path: `rows[${row.line}].${column}`, message, line: row.line, column: row.columns[column] ?? column });
            const inDomain = objectives.filter((o) => key(o.domain) === key(row.path.domain));
            const inStrategic = inDomain.filter((o) => key(o.strategic) === key(row.path.strategic));
            const matches = inStrategic.filter((o) => key(o.operational) === key(row.path.operational));
            if (!inDomain.length) { problem('domain', `no domain "${row.path.domain.slice(0, 80)}" with objectives in this trajectory`); continue; }
            if (!inStrategic.length) { problem('strategic', `no strategic objective "${row.path.strategic.slice(0, 80)}" in domain "${row.path.domain.slice(0, 80)}"`); continue; }
            if (!matches.length) { problem('operational', `no operational objective "${row.path.operational.slice(0, 80)}" under "${row.path.strategic.slice(0, 80)}"`); continue; }
            if (matches.length > 1) { problem('operational', 'matches more than one objective of this title; rename one first'); continue; }
            const objective = matches[0]!;
            if (!can(access, 'domain.edit', { domainId: objective.domainId })) { problem('domain', "you may not add actions to this domain (only its work group and the steering group's leads)"); continue; }
            let ownerId: string | null = null;
            if (row.ownerName) {
              const named = people.filter((p) => key(p.displayName) === key(row.ownerName!));
              if (named.length !== 1) { problem('owner', named.length ? 'more than one person of this name takes part; assign the owner in the plan' : 'no person of this name takes part in this trajectory'); continue; }
              ownerId = named[0]!.id;
            }
            const seen = titles.get(objective.id) ?? new Map<string, number>();
            const earlier = seen.get(key(row.values.title));
            if (earlier !== undefined) {
              problem('action', earlier ? `is the same action as on row ${earlier}` : 'an action of this title is already under this objective');
              continue;
            }
            titles.set(objective.id, seen.set(key(row.values.title), row.line));
            if (problems.length) continue;
            const position = next.get(objective.id) ?? 0;
            next.set(objective.id, position + 1);
            const created = await insertAction(trx, {
              ...row.values,
              ownerId,
              position,
              tenantId,
              trajectoryId,
              domainId: objective.domainId,
              operationalObjectiveId: objective.id,
            });
            await auditCreate(trx, actor, trajectoryId, 'action', created);
            result.created++;
            result.actions.push(publicRow<ActionOutput>(created));
          }
          if (problems.length) throw rejected(problems.sort((a, b) => a.line - b.line));
          await insertAudit(trx, {
            tenantId,
            trajectoryId,
            actorUserId: actor.userId,
            actorPersonId: actor.personId,
            actorName: actor.name,
            entity: 'action_import',
            entityId: randomUUID(),
            operation: 'create',
            changes: { fileName: request.fileName.slice(0, 200), rows: rows.length, created: result.created },
          });
          if (request.dryRun) throw new DryRun(result);
          return result;
        })
        .catch((error: unknown) => {
          if (error instanceof DryRun) return error.result;
          throw error;
        });
    },
  };
}
