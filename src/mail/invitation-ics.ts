import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalLuxonDateTimeStub } from 'ical-generator';
import type { MailAddress } from './mail-types';

/** Meetings are held in Flanders: every invitation speaks Brussels time, whatever the server's zone. */
export const MEETING_TIME_ZONE = 'Europe/Brussels';

export type InvitationResponse = 'none' | 'accepted' | 'tentative' | 'declined';

export interface InvitationAttendee extends MailAddress {
  /** The answer already given (meeting_attendee.response); a fresh invitation asks everyone anew. */
  response?: InvitationResponse;
}

export interface InvitationInput {
  meetingId: string;
  /** The meeting's ical_sequence: the caller raises it on every change, a cancellation included. */
  sequence: number;
  title: string;
  /** ISO 8601 instants (with offset or Z). */
  startsAt: string;
  endsAt: string;
  /** The place; empty for an online-only meeting. */
  location: string;
  /** The Teams join link when the meeting is (also) online. */
  joinUrl?: string | null;
  /** The agenda as plain text. */
  description: string;
  organiser: MailAddress;
  attendees: readonly InvitationAttendee[];
  method: 'REQUEST' | 'CANCEL';
  /** When the invitation was made (DTSTAMP); now unless given. */
  stamp?: string | Date;
}

/*
 * The VTIMEZONE of Europe/Brussels: the EU rule (summer time from the last Sunday of March,
 * 01:00 UTC, to the last Sunday of October, 01:00 UTC) that has held since 1996, as tzurl.org
 * publishes it. Written here because no VTIMEZONE generator package is installed; the
 * offsets and rules are what calendar clients use to place TZID times.
 */
const vtimezones: Record<string, string> = {
  [MEETING_TIME_ZONE]: [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Brussels',
    'X-LIC-LOCATION:Europe/Brussels',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n'),
};

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string): Record<'yyyy' | 'LL' | 'dd' | 'HH' | 'mm' | 'ss', string> {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { yyyy: parts.year ?? '', LL: parts.month ?? '', dd: parts.day ?? '', HH: parts.hour ?? '', mm: parts.minute ?? '', ss: parts.second ?? '' };
}

/**
 * An instant seen in a time zone, in the shape ical-generator accepts for Luxon's DateTime.
 * ical-generator writes a plain Date with a TZID in the server process's own zone, which is
 * wrong on any server not set to Brussels; this asks Intl for the zone's wall clock instead,
 * so the times stay right across the DST changes whatever TZ the process runs in.
 */
class ZonedInstant implements ICalLuxonDateTimeStub {
  readonly zone: { type: string };

  constructor(
    private readonly instant: Date,
    private readonly timeZone: string,
  ) {
    this.zone = { type: timeZone === 'UTC' ? 'fixed' : 'iana' };
  }

  get isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }

  setZone(zone = 'UTC'): ZonedInstant {
    return new ZonedInstant(this.instant, zone.toUpperCase() === 'UTC' ? 'UTC' : zone);
  }

  toFormat(fmt: string): string {
    const parts = wallClock(this.instant, this.timeZone);
    return fmt.replace(/yyyy|LL|dd|HH|mm|ss/g, (token) => parts[token as keyof typeof parts]);
  }

  toJSDate(): Date {
    return new Date(this.instant.getTime());
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}

function instant(text: string, field: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${field} is not a valid instant: ${text}`);
  return date;
}

const partstat: Record<InvitationResponse, ICalAttendeeStatus> = {
  none: ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  tentative: ICalAttendeeStatus.TENTATIVE,
  declined: ICalAttendeeStatus.DECLINED,
};

/**
 * An RFC 5545/5546 invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) of one
 * meeting: one VEVENT whose UID stays the meeting's, so a client updates or removes the
 * event it already holds, provided SEQUENCE went up.
 */
export function buildInvitationIcs(input: InvitationInput): string {
  const start = instant(input.startsAt, 'startsAt');
  const end = instant(input.endsAt, 'endsAt');
  if (end.getTime() <= start.getTime()) throw new RangeError('endsAt must be after startsAt');
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new RangeError('sequence must be a whole number, 0 or more');
  const cancel = input.method === 'CANCEL';
  const joinUrl = input.joinUrl?.trim() || null;
  const description = joinUrl ? `${input.description.trimEnd()}\n\nDeelnemen via Microsoft Teams / Join in Microsoft Teams: ${joinUrl}`.trim() : input.description;
  const location = input.location.trim() || (joinUrl ? 'Microsoft Teams' : null);

  const calendar = ical({
    prodId: { company: 'Kansrijk', product: 'Vergaderingen', language: 'NL' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide zone (that would write DTSTAMP as a local time); the event carries it.
    timezone: { name: null, generator: (zone) => vtimezones[zone] ?? null },
  });
  calendar.createEvent({
    id: `${input.meetingId}@kansrijk`,
    sequence: input.sequence,
    stamp: input.stamp ? new Date(input.stamp) : new Date(),
    timezone: MEETING_TIME_ZONE,
    start: new ZonedInstant(start, MEETING_TIME_ZONE),
    end: new ZonedInstant(end, MEETING_TIME_ZONE),
    summary: input.title,
    description,
    location,
    url: joinUrl,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: input.organiser.name, email: input.organiser.address },
    attendees: input.attendees.map((a) => ({
      name: a.name,
      email: a.address,
      role: ICalAttendeeRole.REQ,
      rsvp: !cancel,
      status: partstat[a.response ?? 'none'],
    })),
  });
  return calendar.toString();
}
