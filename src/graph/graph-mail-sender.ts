import type { Client } from '@microsoft/microsoft-graph-client';
import type { AttachmentItem, FileAttachment, Message, UploadSession } from '@microsoft/microsoft-graph-types';
import type { MailAttachment, MailContext, MailSender, OutgoingMail, SentMail } from '../mail/mail-types';
import { graphCall, GraphRequestError, graphUpload } from './graph-client';

/*
 * Mail through Graph, as a draft first: create → (onDraft) → attach → send. The draft id is the
 * resume point: after a restart the caller passes it back as context.draftId and the same draft is
 * completed and sent. Graph moves a sent draft to Sent Items under a new id, so the old id answering
 * 404 means "already sent" — never a reason to make a second message.
 * The text/calendar part of OutgoingMail is not used: Graph sends its own invitations for events.
 */

/** Graph: a file attachment POSTed inline must be under 3 MB; larger ones go through an upload session. */
export const INLINE_ATTACHMENT_LIMIT = 3 * 1024 * 1024;
/** Graph: up to 4 MB per PUT of an upload session. */
export const UPLOAD_CHUNK = 4 * 1024 * 1024;

const messageBody = (mail: OutgoingMail): Message => ({
  subject: mail.subject,
  body: mail.html ? { contentType: 'html', content: mail.html } : { contentType: 'text', content: mail.text },
  toRecipients: mail.to.map((r) => ({ emailAddress: { name: r.name, address: r.address } })),
});

type DraftState = { sent: true } | { sent: false; attachments: { name: string; size: number }[] };

const isNotFound = (error: unknown) => error instanceof GraphRequestError && error.status === 404;

export function createGraphMailSender(client: Client, mailbox: string): MailSender {
  const messages = `/users/${encodeURIComponent(mailbox)}/messages`;

  async function readDraft(draftId: string): Promise<DraftState> {
    try {
      const draft = await graphCall<Message>(client, 'mail.read-draft', {
        method: 'GET',
        path: `${messages}/${encodeURIComponent(draftId)}`,
        query: { $select: 'id,isDraft', $expand: 'attachments($select=name,size)' },
      });
      if (draft?.isDraft === false) return { sent: true };
      return { sent: false, attachments: (draft?.attachments ?? []).map((a) => ({ name: a.name ?? '', size: a.size ?? 0 })) };
    } catch (error) {
      if (isNotFound(error)) return { sent: true };
      throw error;
    }
  }

  async function attachInline(draftId: string, attachment: MailAttachment): Promise<void> {
    const body: FileAttachment & { '@odata.type': string } = {
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: attachment.fileName,
      contentType: attachment.contentType,
      contentBytes: attachment.content.toString('base64'),
    };
    await graphCall(client, 'mail.add-attachment', { method: 'POST', path: `${messages}/${encodeURIComponent(draftId)}/attachments`, body });
  }

  async function attachLarge(draftId: string, attachment: MailAttachment): Promise<void> {
    const item: AttachmentItem = { attachmentType: 'file', name: attachment.fileName, size: attachment.content.length, contentType: attachment.contentType };
    const session = await graphCall<UploadSession>(client, 'mail.create-upload-session', {
      method: 'POST',
      path: `${messages}/${encodeURIComponent(draftId)}/attachments/createUploadSession`,
      body: { AttachmentItem: item },
    });
    if (!session?.uploadUrl) throw new GraphRequestError('mail.create-upload-session', 0, 'noUploadUrl', 'Graph returned no upload URL');
    const total = attachment.content.length;
    let start = 0;
    while (start < total) {
      const bytes = attachment.content.subarray(start, Math.min(start + UPLOAD_CHUNK, total));
      const { status, body } = await graphUpload(client, session.uploadUrl, bytes, { start, total });
      if (status === 201) return;
      const next = (body as UploadSession | undefined)?.nextExpectedRanges?.[0];
      const nextStart = next ? Number(next.split('-')[0]) : start + bytes.length;
      if (!Number.isInteger(nextStart) || nextStart <= start) throw new GraphRequestError('mail.upload-range', status, 'uploadStalled', `upload did not advance past byte ${start}`);
      start = nextStart;
    }
    throw new GraphRequestError('mail.upload-range', 0, 'uploadIncomplete', 'all bytes sent but Graph did not complete the attachment');
  }

  return {
    transport: 'graph',
    async send(mail: OutgoingMail, context: MailContext): Promise<SentMail> {
      let draftId = context.draftId ?? null;
      const present: { name: string; size: number }[] = [];
      if (draftId) {
        const state = await readDraft(draftId);
        if (state.sent) return { transport: 'graph', id: draftId };
        present.push(...state.attachments);
      } else {
        const draft = await graphCall<Message>(client, 'mail.create-draft', { method: 'POST', path: messages, body: messageBody(mail) });
        if (!draft?.id) throw new GraphRequestError('mail.create-draft', 0, 'noMessageId', 'Graph returned a draft without id');
        draftId = draft.id;
        await context.onDraft?.(draftId);
      }
      for (const attachment of mail.attachments ?? []) {
        // Attached by the attempt before the restart: each one present once.
        const done = present.findIndex((p) => p.name === attachment.fileName);
        if (done >= 0) {
          present.splice(done, 1);
          continue;
        }
        if (attachment.content.length < INLINE_ATTACHMENT_LIMIT) await attachInline(draftId, attachment);
        else await attachLarge(draftId, attachment);
      }
      try {
        await graphCall(client, 'mail.send-draft', { method: 'POST', path: `${messages}/${encodeURIComponent(draftId)}/send` });
      } catch (error) {
        // Sent by an attempt whose answer was lost (a retry, a timeout): the draft is gone.
        if (!isNotFound(error)) throw error;
      }
      return { transport: 'graph', id: draftId };
    },
  };
}
