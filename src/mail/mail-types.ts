/**
 * One outgoing mail, whichever way it leaves: through Microsoft Graph when it is configured
 * (src/graph/graph-mail-sender.ts), or as an RFC 5322 .eml in the local outbox otherwise
 * (src/mail/outbox-sender.ts). Callers build this and never know which.
 */
export interface MailAddress {
  name: string;
  address: string;
}

export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export type MailKind = 'invitation' | 'cancellation' | 'minutes' | 'report' | 'other';

export interface OutgoingMail {
  to: readonly MailAddress[];
  subject: string;
  /** Plain text: every mail reads without HTML. */
  text: string;
  html?: string;
  attachments?: readonly MailAttachment[];
  /** An iCalendar invitation or cancellation (RFC 5546 METHOD), sent as text/calendar. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; ics: string };
}

export interface MailContext {
  tenantId: string;
  trajectoryId: string | null;
  kind: MailKind;
  /**
   * Stable per message (e.g. a delivery row's id): sending again with the same key never
   * produces a second message (the outbox keeps one file and row per key; Graph resumes the
   * draft it made for the key, see `draftId`).
   */
  key: string;
  /** The Graph draft made for this key by an earlier attempt, if any. */
  draftId?: string | null;
  /** Called with the Graph draft's id as soon as it exists, before it is sent, so a restart resumes it. */
  onDraft?: (draftId: string) => Promise<void>;
}

export interface SentMail {
  transport: 'graph' | 'outbox';
  /** The outbox message id, or the Graph message id. */
  id: string;
}

export interface MailSender {
  readonly transport: 'graph' | 'outbox';
  send(mail: OutgoingMail, context: MailContext): Promise<SentMail>;
}
