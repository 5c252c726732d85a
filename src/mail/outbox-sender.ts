import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Db } from '../db/database';
import type { MailAddress, MailContext, MailSender, OutgoingMail, SentMail } from './mail-types';
import { emlPath, tenantOutboxDir } from './outbox-files';
import { findOutboxMessage, insertOutboxMessage } from './outbox-repository';

/** Nobody answers the outbox: a reserved domain (RFC 2606) so that no reply reaches a stranger. */
export const OUTBOX_FROM: MailAddress = { name: 'Kansrijk', address: 'no-reply@kansrijk.invalid' };

export interface OutboxSenderOptions {
  from?: MailAddress;
  /** The Date header's clock (tests). */
  now?: () => Date;
}

/**
 * The message id for a tenant's key: a name-based UUID (RFC 9562 version 8, SHA-256), so that
 * every attempt with one key, on any server and after any restart, lands on the same row and file.
 */
export function outboxMessageId(tenantId: string, key: string): string {
  const hash = createHash('sha256').update('kansrijk-outbox\0').update(tenantId).update('\0').update(key).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The RFC 5322 message, built by nodemailer's MailComposer (headers encoded, parts and boundaries right). */
export async function composeEml(mail: OutgoingMail, options: { id: string; from: MailAddress; date: Date }): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: options.from.name, address: options.from.address },
    to: mail.to.map((a) => ({ name: a.name, address: a.address })),
    subject: mail.subject,
    messageId: `<${options.id}@kansrijk.invalid>`,
    date: options.date,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: (mail.attachments ?? []).map((a) => ({ filename: a.fileName, contentType: a.contentType, content: a.content })),
    ...(mail.calendar
      ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.ics, filename: mail.calendar.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics' } }
      : {}),
    // Everything is in memory: a content that names a file or URL must never be fetched.
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: 'win',
  });
  return composer.compile().build();
}

/** Written whole or not at all: a reader never sees half a message, a crash leaves only a temp file. */
async function writeAtomically(file: string, content: Buffer): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing folder's mode alone; the outbox holds people's addresses.
  await chmod(dir, 0o700);
}

/**
 * Mail without Graph (the embedded default): each message becomes an .eml in the local
 * outbox, <outboxDir>/<tenantId>/<id>.eml, with a row in outbox_message for the tab's list.
 */
export function createOutboxSender(db: Db, outboxDir: string, options: OutboxSenderOptions = {}): MailSender {
  const from = options.from ?? OUTBOX_FROM;
  const now = options.now ?? (() => new Date());
  return {
    transport: 'outbox',
    async send(mail: OutgoingMail, context: MailContext): Promise<SentMail> {
      if (mail.to.length === 0) throw new Error('A mail needs at least one recipient');
      const id = outboxMessageId(context.tenantId, context.key);
      const tenantDir = tenantOutboxDir(outboxDir, context.tenantId);
      await db.transaction().execute(async (trx) => {
        // Two attempts with one key at once (a retry racing a slow first try) take turns.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`outbox:${context.tenantId}:${id}`}, 0))`.execute(trx);
        if (await findOutboxMessage(trx, context.tenantId, id)) return;
        const eml = await composeEml(mail, { id, from, date: now() });
        await privateDir(outboxDir);
        await privateDir(tenantDir);
        // File first, row second: a crash in between leaves a file the next attempt overwrites.
        await writeAtomically(emlPath(outboxDir, context.tenantId, id), eml);
        await insertOutboxMessage(trx, {
          tenantId: context.tenantId,
          id,
          trajectoryId: context.trajectoryId,
          kind: context.kind,
          recipients: mail.to.map((a) => a.address),
          subject: mail.subject,
          fileName: `${id}.eml`,
          bytes: eml.length,
        });
      });
      return { transport: 'outbox', id };
    },
  };
}
