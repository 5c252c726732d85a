import { assertCan, assertRead, loadAccess, loadAccessToAll, canRead } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditUpdate } from '../audit/audit';
import type { Db } from '../db/database';
import { notFound } from '../shared/errors';
import * as repo from './channel-repository';
import type { ChannelBindingInput, ChannelBindingOutput } from './channel-schemas';

function outputOf(row: repo.ChannelBodyRow): ChannelBindingOutput {
  return {
    bodyId: row.id,
    bodyName: row.name,
    channelId: row.channelId ?? '',
    teamId: row.channelTeamId,
    channelName: row.channelName,
    boundAt: (row.channelBoundAt ?? new Date()).toISOString(),
  };
}

/** What the audit keeps of a binding: where the bot will post, not more. */
const auditedOf = (row: repo.ChannelBodyRow) => ({ id: row.id, channelId: row.channelId, channelTeamId: row.channelTeamId, channelName: row.channelName });

export type BindByNameResult =
  | { status: 'bound'; binding: ChannelBindingOutput }
  | { status: 'none' }
  | { status: 'ambiguous'; names: string[] };

/**
 * A body's Teams channel: where the bot posts its agenda, final agenda and approved minutes.
 * Bound from the tab's configuration page or with the bot's "koppel" command, by whoever may
 * set up the bodies (`bodies.edit`).
 */
export function createChannelService(db: Db) {
  async function bodyWithAccess(principal: Principal, bodyId: string, trx: Db) {
    const body = await repo.findBody(trx, principal.tenantId, bodyId, true);
    if (!body) throw notFound(`body ${bodyId}`);
    const access = await loadAccess(trx, principal, body.trajectoryId);
    assertRead(access, `body ${bodyId}`);
    assertCan(access, 'bodies.edit');
    return { body, access };
  }

  async function bind(principal: Principal, bodyId: string, input: ChannelBindingInput): Promise<ChannelBindingOutput> {
    return db.transaction().execute(async (trx) => {
      const { body, access } = await bodyWithAccess(principal, bodyId, trx);
      const after = await repo.setChannel(trx, principal.tenantId, bodyId, {
        channelId: input.channelId,
        channelTeamId: input.teamId ?? null,
        channelName: input.channelName ?? '',
        channelBoundAt: new Date(),
      });
      await auditUpdate(trx, actorOf(access), body.trajectoryId, 'body', auditedOf(body), auditedOf(after));
      return outputOf(after);
    });
  }

  return {
    bind,

    async unbind(principal: Principal, bodyId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { body, access } = await bodyWithAccess(principal, bodyId, trx);
        if (!body.channelId) return;
        const after = await repo.setChannel(trx, principal.tenantId, bodyId, { channelId: null, channelTeamId: null, channelName: '', channelBoundAt: null });
        await auditUpdate(trx, actorOf(access), body.trajectoryId, 'body', auditedOf(body), auditedOf(after));
      });
    },

    /**
     * The bot's command: the body is named, not picked from a list. An exact name wins; else the
     * one body whose name contains the words; several are listed back so the user can be precise.
     */
    async bindByName(principal: Principal, name: string, channel: ChannelBindingInput): Promise<BindByNameResult> {
      const readable = [...(await loadAccessToAll(db, principal)).values()].filter(canRead).map((a) => a.trajectoryId);
      const found = await repo.findBodiesByName(db, principal.tenantId, readable, name);
      const wanted = name.toLowerCase().replace(/\s+/g, ' ').trim();
      const exact = found.filter((b) => b.name.toLowerCase().replace(/\s+/g, ' ').trim() === wanted);
      const chosen = exact.length === 1 ? exact : found;
      if (chosen.length === 0) return { status: 'none' };
      if (chosen.length > 1) return { status: 'ambiguous', names: chosen.map((b) => b.name) };
      return { status: 'bound', binding: await bind(principal, chosen[0]!.id, channel) };
    },
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
