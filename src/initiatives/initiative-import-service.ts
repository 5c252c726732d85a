import { randomUUID } from 'node:crypto';
import { assertCan, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditUpdate, diff } from '../audit/audit';
import { insertAudit } from '../audit/audit-repository';
import type { Db } from '../db/database';
import { AppError, invalid, notFound } from '../shared/errors';
import { withPartners } from './initiative-fields';
import { formatOf, ImportFileError, nameKey, normalise, readInitiativeFile, type ImportFormat, type ImportProblem } from './initiative-import';
import { initiativeResource, type InitiativeOutput } from './initiative-resource';
import { domainsOf, initiativesForUpdate, lockImports, objectiveDomains, trajectoryExists } from './initiative-repository';

export interface ImportRequest {
  fileName: string;
  /** The file's bytes, base64. */
  content: string;
  dryRun?: boolean | undefined;
}

export interface ImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  initiatives: InitiativeOutput[];
}

/** The whole file or nothing: a bad row anywhere leaves the inventory as it was. */
function rejected(problems: ImportProblem[]): AppError {
  return invalid(problems, `The file has ${problems.length} problem(s); nothing was imported`);
}

export function decode(content: string): Buffer {
  const clean = content.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean) || clean.length === 0) throw invalid([{ path: 'body.content', message: 'must be the file as base64' }]);
  return Buffer.from(clean, 'base64');
}

export function createInitiativeImportService(db: Db) {
  return {
    async import(principal: Principal, trajectoryId: string, request: ImportRequest): Promise<ImportResult> {
      if (!(await trajectoryExists(db, principal.tenantId, trajectoryId))) throw notFound(`trajectory ${trajectoryId}`);
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'plan.edit');
      const format: ImportFormat | undefined = formatOf(request.fileName);
      if (!format) throw invalid([{ path: 'body.fileName', message: 'must end in .csv or .xlsx' }]);
      const bytes = decode(request.content);
      const tenantId = principal.tenantId;
      const domains = await domainsOf(db, tenantId, trajectoryId);
      let rows;
      try {
        rows = await readInitiativeFile(bytes, format, { domains: new Map(domains.map((d) => [normalise(d.name), d.id])) });
      } catch (error) {
        if (error instanceof ImportFileError) throw rejected(error.problems);
        throw error;
      }

      const actor = actorOf(access);
      const outcome = await db.transaction().execute(async (trx) => {
        await lockImports(trx, tenantId, trajectoryId);
        const existing = await initiativesForUpdate(trx, tenantId, trajectoryId);
        const byName = new Map<string, (typeof existing)[number][]>();
        for (const row of existing) byName.set(nameKey(row.name), [...(byName.get(nameKey(row.name)) ?? []), row]);
        const objectives = await objectiveDomains(trx, tenantId, trajectoryId);
        const problems: ImportProblem[] = [];
        const result: ImportResult = { dryRun: Boolean(request.dryRun), created: 0, updated: 0, unchanged: 0, initiatives: [] };
        for (const { line, values } of rows) {
          const matches = byName.get(nameKey(values.name!)) ?? [];
          if (matches.length > 1) {
            problems.push({ path: `rows[${line}].name`, message: 'matches more than one initiative of this name; rename one first', line, column: 'Naam' });
            continue;
          }
          const before = matches[0];
          const input = withPartners(values);
          if (before) {
            const objectiveDomain = before.operationalObjectiveId ? objectives.get(before.operationalObjectiveId) : undefined;
            if (input.domainId !== undefined && objectiveDomain && input.domainId !== objectiveDomain) {
              problems.push({ path: `rows[${line}].domain`, message: 'the initiative is linked to an objective of another domain', line, column: 'Domein' });
              continue;
            }
            const changes = diff(before, { ...before, ...input });
            if (Object.keys(changes).length === 0) {
              result.unchanged++;
              result.initiatives.push(initiativeResource.toOutput(before) as InitiativeOutput);
              continue;
            }
            const set = Object.fromEntries(Object.keys(changes).map((k) => [k, (input as Record<string, unknown>)[k]]));
            const updated = await trx
              .updateTable('initiative')
              .set({ ...set, updatedAt: new Date() })
              .where('tenantId', '=', tenantId)
              .where('id', '=', before.id)
              .returningAll()
              .executeTakeFirstOrThrow();
            await auditUpdate(trx, actor, trajectoryId, 'initiative', before, updated);
            result.updated++;
            result.initiatives.push(initiativeResource.toOutput(updated) as InitiativeOutput);
          } else {
            const created = await trx
              .insertInto('initiative')
              .values({ ...input, name: input.name!, state: input.state ?? 'active', tenantId, trajectoryId })
              .returningAll()
              .executeTakeFirstOrThrow();
            await auditCreate(trx, actor, trajectoryId, 'initiative', created);
            result.created++;
            result.initiatives.push(initiativeResource.toOutput(created) as InitiativeOutput);
          }
        }
        if (problems.length) throw rejected(problems);
        // One entry for the import itself: which file, by whom, with what effect.
        await insertAudit(trx, {
          tenantId,
          trajectoryId,
          actorUserId: actor.userId,
          actorPersonId: actor.personId,
          actorName: actor.name,
          entity: 'initiative_import',
          entityId: randomUUID(),
          operation: 'create',
          changes: { fileName: request.fileName.slice(0, 200), rows: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged },
        });
        // A dry run goes all the way (the same checks, the same answer) and then takes it back.
        if (request.dryRun) throw new DryRun(result);
        return result;
      }).catch((error: unknown) => {
        if (error instanceof DryRun) return error.result;
        throw error;
      });
      return outcome;
    },
  };
}

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}
