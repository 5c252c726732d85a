import { z } from 'zod';
import { assertCan, can, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate } from '../audit/audit';
import type { Db } from '../db/database';
import { AppError, conflict, invalid, notFound } from '../shared/errors';
import type { MailSender } from '../mail/mail-types';
import { memberRoles, sectors } from '../shared/enums';
import { createTranslator } from '../shared/i18n/translator';
import { shortText, uuid } from '../shared/schemas';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { assertMayGrantRole, grantableRoles } from './body-resources';
import type { PeopleDirectory } from './people-directory';
import { addMembership, bodyDeleteImpact, findPersonByEntraId, insertPerson, personDeleteImpact } from './people-repository';
import { createPeopleService, type PersonOutput } from './people-service';
import { bodyDeleteImpactOutput, directoryOutput, peopleSetupOutput, personDeleteImpactOutput } from './people-setup-schemas';

export { bodyDeleteImpactOutput, directoryOutput, peopleSetupOutput, personDeleteImpactOutput };

/*
 * Setting up a trajectory's people from the tab: what the caller may grant, what a deletion
 * takes with it, the directory search and the invitation of someone with an account.
 */

export const directoryQuery = z
  .object({ q: z.string().trim().min(2, 'at least 2 characters').max(100, 'at most 100 characters') })
  .strict();

export const invitationInput = z
  .object({
    /** From the people picker: the directory user's id. Name, address and sign-in then come from the directory. */
    directoryUserId: uuid.optional(),
    email: z.email({ message: 'must be an e-mail address' }).max(254, 'at most 254 characters').optional(),
    displayName: shortText(120).optional(),
    sector: z.enum(sectors).nullable().optional(),
    bodyId: uuid.optional(),
    role: z.enum(memberRoles).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.directoryUserId && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'give an e-mail address or pick someone from the directory' });
    if (!v.directoryUserId && !v.displayName) ctx.addIssue({ code: 'custom', path: ['displayName'], message: 'give the name of the person' });
    if (Boolean(v.bodyId) !== Boolean(v.role)) ctx.addIssue({ code: 'custom', path: [v.bodyId ? 'role' : 'bodyId'], message: 'give a body and a role together' });
  });

export const invitationOutput = z.object({ mailed: z.boolean().describe('whether the e-mail saying they were added left (Graph or the outbox)') });

export interface PeopleSetupDeps {
  mail: MailSender;
  directory: PeopleDirectory | undefined;
  log: (message: string, error: unknown) => void;
}

function graphUnavailable(error: unknown): AppError {
  return new AppError(502, 'bad_gateway', 'Bad gateway', `The directory (Microsoft Graph) did not answer: ${error instanceof Error ? error.message : String(error)}`);
}

export function createPeopleSetupService(db: Db, deps: PeopleSetupDeps) {
  const people = createPeopleService(db);

  async function sendInvitationMail(tenantId: string, trajectoryId: string, person: { id: string; displayName: string; email: string }, context: { inviter: string; bodyName?: string | undefined; role?: string | undefined }): Promise<boolean> {
    const trajectory = await findTrajectory(db, tenantId, trajectoryId);
    // The mail is in Dutch: the person has not chosen a language in Kansrijk yet.
    const { t, has } = createTranslator('nl');
    const roleKey = `role.${context.role ?? ''}`;
    const where = context.bodyName && context.role && has(roleKey) ? t('people.inviteMail.as', { role: t(roleKey), body: context.bodyName }) : '';
    const params = { name: person.displayName, inviter: context.inviter, trajectory: trajectory?.name ?? '', municipality: trajectory?.municipality ?? '', where };
    try {
      await deps.mail.send(
        {
          to: [{ name: person.displayName, address: person.email }],
          subject: t('people.inviteMail.subject', params),
          text: [t('people.inviteMail.greeting', params), t('people.inviteMail.added', params), t('people.inviteMail.teams'), t('people.inviteMail.privacy'), t('people.inviteMail.closing')].join('\n\n'),
        },
        { tenantId, trajectoryId, kind: 'other', key: `person-invitation:${person.id}` },
      );
      return true;
    } catch (error) {
      // The person is added either way; the coordinator sees that the mail did not leave.
      deps.log('the invitation mail did not leave', error);
      return false;
    }
  }

  return {
    async setup(principal: Principal, trajectoryId: string, hasAssertion: boolean): Promise<z.input<typeof peopleSetupOutput>> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.read');
      return { grantableRoles: grantableRoles(access) as z.input<typeof peopleSetupOutput>['grantableRoles'], directorySearch: Boolean(deps.directory && hasAssertion && can(access, 'people.edit')) };
    },

    async personImpact(principal: Principal, trajectoryId: string, personId: string) {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.edit');
      await people.get(principal, trajectoryId, personId); // 404 unless they take part here
      return personDeleteImpact(db, principal.tenantId, personId, trajectoryId);
    },

    async bodyImpact(principal: Principal, bodyId: string) {
      const body = await db.selectFrom('body').select(['trajectoryId']).where('tenantId', '=', principal.tenantId).where('id', '=', bodyId).executeTakeFirst();
      if (!body) throw notFound(`body ${bodyId}`);
      assertCan(await loadAccess(db, principal, body.trajectoryId), 'bodies.edit');
      return bodyDeleteImpact(db, principal.tenantId, bodyId);
    },

    async searchDirectory(principal: Principal, trajectoryId: string, userAssertion: string | undefined, text: string): Promise<z.input<typeof directoryOutput>> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.edit');
      if (!deps.directory || !userAssertion) return { configured: false, users: [] };
      const found = await deps.directory.search(userAssertion, text).catch((error: unknown) => {
        throw graphUnavailable(error);
      });
      const known = found.length
        ? new Set((await db.selectFrom('person').select('entraObjectId').where('tenantId', '=', principal.tenantId).where('entraObjectId', 'in', found.map((u) => u.id)).execute()).map((p) => p.entraObjectId))
        : new Set<string | null>();
      return { configured: true, users: found.map((u) => ({ ...u, known: known.has(u.id) })) };
    },

    async invite(principal: Principal, trajectoryId: string, userAssertion: string | undefined, input: z.output<typeof invitationInput>): Promise<{ person: PersonOutput; mailed: boolean }> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.edit');
      let body: { id: string; name: string; kind: string } | undefined;
      if (input.bodyId && input.role) {
        body = await db.selectFrom('body').select(['id', 'name', 'kind']).where('tenantId', '=', principal.tenantId).where('trajectoryId', '=', trajectoryId).where('id', '=', input.bodyId).executeTakeFirst();
        if (!body) throw invalid([{ path: 'body.bodyId', message: 'no such body in this trajectory' }]);
        assertMayGrantRole(access, input.role);
      }
      let values = { displayName: input.displayName ?? '', email: input.email ?? null, entraObjectId: null as string | null };
      if (input.directoryUserId) {
        if (!deps.directory || !userAssertion) throw conflict('Microsoft Graph is not configured: invite by e-mail address');
        // Name, address and sign-in come from the directory, never from the request: nobody links a sign-in of their choosing.
        const user = await deps.directory.read(userAssertion, input.directoryUserId).catch((error: unknown) => {
          if (error instanceof Error && 'status' in error && error.status === 404) return undefined;
          throw graphUnavailable(error);
        });
        if (!user) throw invalid([{ path: 'body.directoryUserId', message: 'no such user in the directory' }]);
        if (await findPersonByEntraId(db, principal.tenantId, user.id)) throw conflict(`${user.displayName} is already a person in Kansrijk: add them to a body instead`);
        values = { displayName: user.displayName.slice(0, 120), email: user.mail ?? input.email ?? null, entraObjectId: user.id };
      }
      const personId = await db.transaction().execute(async (trx) => {
        const row = await insertPerson(trx, principal.tenantId, { ...values, sector: input.sector ?? null, homeTrajectoryId: trajectoryId });
        await auditCreate(trx, actorOf(access), trajectoryId, 'person', row);
        if (body && input.role) {
          const membership = await addMembership(trx, principal.tenantId, body.id, row.id, input.role);
          await auditCreate(trx, actorOf(access), trajectoryId, 'membership', membership);
        }
        return row.id;
      });
      const mailed = values.email
        ? await sendInvitationMail(principal.tenantId, trajectoryId, { id: personId, displayName: values.displayName, email: values.email }, { inviter: principal.name, bodyName: body?.name, role: input.role })
        : false;
      return { person: await people.get(principal, trajectoryId, personId), mailed };
    },
  };
}

