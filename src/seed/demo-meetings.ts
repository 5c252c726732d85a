import type { Insertable, Transaction } from 'kysely';
import { addDays, brusselsTime } from '../follow-ups/calendar';
import type { Database } from '../db/schema';
import type { AgendaItemTable, MeetingAttendeeTable } from '../meetings/meeting-table';
import { demoTenants, demoUsers } from './demo-ids';

/*
 * Beekvliet's meetings in every state the meetings tab shows (fictional): a steering-group
 * meeting some weeks ago whose minutes were approved and sent, a work-group meeting held last
 * week whose minutes wait for the chair, a steering-group meeting in ten days with a draft
 * agenda (one member's proposal on it), and an evening meeting of the parents' group to which
 * the parents are invited through their trusted person. Dates follow `today`, so the demo stays
 * current.
 */
export async function seedDemoMeetings(trx: Transaction<Database>, today: string): Promise<void> {
  const tenantId = demoTenants.beekvliet.id;
  const bodies = await trx.selectFrom('body').select(['id', 'trajectoryId', 'kind', 'name', 'domainId']).where('tenantId', '=', tenantId).execute();
  const steering = bodies.find((b) => b.kind === 'steering_group');
  const workGroup = bodies.find((b) => b.kind === 'work_group' && b.name === 'Werkgroep onderwijs en vrije tijd');
  const parentsGroup = bodies.find((b) => b.kind === 'parents_group');
  if (!steering || !workGroup || !parentsGroup) return;
  const { trajectoryId } = steering;

  const people = await trx.selectFrom('person').select(['id', 'displayName', 'entraObjectId', 'email']).where('tenantId', '=', tenantId).execute();
  const byUser = (oid: string) => people.find((p) => p.entraObjectId === oid)?.id ?? null;
  const byName = (name: string) => people.find((p) => p.displayName === name)?.id ?? null;
  const lotte = byUser(demoUsers.coordinator);
  const marc = byUser(demoUsers.chair);
  const sofie = byUser(demoUsers.workGroupChair);
  const hilde = byUser(demoUsers.steeringMember);
  const nadia = byUser(demoUsers.trustedPerson);
  const tom = byUser(demoUsers.actionOwner);
  const kelly = byName('Kelly Verbeeck');
  const samira = byName('Samira Haddou');
  const dimitri = byName('Dimitri Pauwels');

  const domains = await trx.selectFrom('domain').select(['id', 'name', 'state']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).orderBy('position').execute();
  const active = domains.filter((d) => d.state === 'active');
  const chairOf = (domainId: string) => bodies.find((b) => b.kind === 'work_group' && b.domainId === domainId);
  const chairs = await trx
    .selectFrom('membership')
    .select(['bodyId', 'personId'])
    .where('tenantId', '=', tenantId)
    .where('role', '=', 'chair')
    .where(
      'bodyId',
      'in',
      bodies.filter((b) => b.kind === 'work_group').map((b) => b.id),
    )
    .execute();
  const presenterOf = (domainId: string) => chairs.find((c) => c.bodyId === chairOf(domainId)?.id)?.personId ?? null;

  const members = await trx.selectFrom('membership').select(['bodyId', 'personId']).where('tenantId', '=', tenantId).execute();
  const membersOf = (bodyId: string) => [...new Set(members.filter((m) => m.bodyId === bodyId).map((m) => m.personId))];

  const past = addDays(today, -35);
  const lastWeek = addDays(today, -6);
  const soon = addDays(today, 10);
  const parentsEvening = addDays(today, 8);
  const base = { tenantId, trajectoryId, organiserId: lotte, icalSequence: 1 };

  const [approved, waiting, upcoming, evening] = await trx
    .insertInto('meeting')
    .values([
      {
        ...base,
        bodyId: steering.id,
        title: 'Stuurgroep: opvolging van de werkgroepen',
        startsAt: brusselsTime(past, 19),
        endsAt: brusselsTime(past, 21, 30),
        location: 'Sociaal Huis Beekvliet, zaal 1',
        dayPart: 'evening',
        state: 'distributed',
        agendaFixedAt: brusselsTime(addDays(past, -5), 10),
        minutesNotes: 'Twaalf aanwezigen, onder wie twee ouders. De volgende stuurgroep bespreekt de kosten van de schooluitstappen.',
        minutesSubmittedAt: brusselsTime(addDays(past, 2), 16),
        minutesApprovedBy: marc,
        minutesApprovedAt: brusselsTime(addDays(past, 3), 9),
      },
      {
        ...base,
        organiserId: sofie,
        bodyId: workGroup.id,
        title: 'Werkgroep onderwijs en vrije tijd: vakantieaanbod',
        startsAt: brusselsTime(lastWeek, 14),
        endsAt: brusselsTime(lastWeek, 16),
        location: 'Bibliotheek Beekvliet, vergaderzaal',
        dayPart: 'day',
        state: 'held',
        agendaFixedAt: brusselsTime(addDays(lastWeek, -4), 11),
        minutesNotes: 'Zeven aanwezigen. Kelly bracht de ervaringen van andere ouders mee.',
        minutesSubmittedAt: brusselsTime(addDays(lastWeek, 1), 15),
      },
      {
        ...base,
        bodyId: steering.id,
        title: 'Extra stuurgroep: kosten van de schooluitstappen',
        startsAt: brusselsTime(soon, 19),
        endsAt: brusselsTime(soon, 21),
        location: 'Sociaal Huis Beekvliet, zaal 1',
        online: true,
        dayPart: 'evening',
        state: 'planned',
        icalSequence: 0,
      },
      {
        ...base,
        bodyId: parentsGroup.id,
        title: 'Oudergroep: wat vinden jullie van het vakantieaanbod?',
        startsAt: brusselsTime(parentsEvening, 19),
        endsAt: brusselsTime(parentsEvening, 21),
        location: 'Ontmoetingsruimte De Schakel, Kerkstraat 12 (bus 3 stopt voor de deur; kinderopvang ter plaatse)',
        dayPart: 'evening',
        state: 'agenda_sent',
        agendaFixedAt: brusselsTime(addDays(today, -1), 10),
      },
    ])
    .returning('id')
    .execute();
  if (!approved || !waiting || !upcoming || !evening) return;

  const item = (meetingId: string, position: number, values: Omit<Insertable<AgendaItemTable>, 'tenantId' | 'trajectoryId' | 'meetingId' | 'position'>): Insertable<AgendaItemTable> => ({
    tenantId,
    trajectoryId,
    meetingId,
    position,
    ...values,
  });
  const progressItems = (meetingId: string, withMinutes: boolean) =>
    active.map((d, i) =>
      item(meetingId, i, {
        title: `Voortgang ${d.name}`,
        kind: 'information',
        presenterId: presenterOf(d.id),
        durationMinutes: 15,
        domainId: d.id,
        notes: withMinutes ? `De werkgroep ${d.name.toLowerCase()} overliep haar acties: het meeste loopt volgens plan, één actie heeft vertraging door een gebrek aan vrijwilligers.` : '',
        decisions: withMinutes && i === 0 ? 'De werkgroep zoekt samen met de vrijetijdsdienst twee extra vrijwilligers.' : '',
      }),
    );
  await trx
    .insertInto('agendaItem')
    .values([
      ...progressItems(approved.id, true),
      item(approved.id, active.length, {
        title: 'Budget voor het vakantieaanbod',
        kind: 'decision',
        presenterId: lotte,
        durationMinutes: 20,
        notes: 'Het aanbod van vorig jaar bereikte meer gezinnen dan verwacht. De vraag is of het budget mee kan groeien.',
        decisions: 'De stuurgroep vraagt het college om het budget voor het vakantieaanbod met een vijfde te verhogen.',
      }),
      item(waiting.id, 0, {
        title: 'Terugblik op de eerste vakantieweek',
        kind: 'discussion',
        presenterId: tom,
        durationMinutes: 30,
        notes: 'De kampen zaten snel vol. Ouders vonden het inschrijfformulier te lang.',
        decisions: 'Het formulier wordt korter: naam, leeftijd en een telefoonnummer volstaan.',
      }),
      item(waiting.id, 1, {
        title: 'Vervoer naar de kampen',
        kind: 'decision',
        presenterId: sofie,
        durationMinutes: 20,
        notes: 'Voor gezinnen zonder auto is de afstand een drempel.',
        decisions: 'We vragen de gemeente een busje met chauffeur voor de zomer.',
      }),
      ...progressItems(upcoming.id, false),
      item(upcoming.id, active.length, {
        title: 'Ervaringen van ouders met de schoolfactuur',
        kind: 'discussion',
        presenterId: hilde,
        durationMinutes: 20,
        proposedBy: hilde,
      }),
      item(evening.id, 0, { title: 'Kennismaking en koffie', kind: 'information', presenterId: nadia, durationMinutes: 15 }),
      item(evening.id, 1, { title: 'Wat vonden jullie kinderen van de kampen?', kind: 'discussion', presenterId: lotte, durationMinutes: 45 }),
      item(evening.id, 2, { title: 'Wat kan beter aan de inschrijving?', kind: 'discussion', presenterId: lotte, durationMinutes: 30 }),
    ])
    .execute();

  const attendees: Insertable<MeetingAttendeeTable>[] = [];
  const invite = (meetingId: string, personIds: readonly (string | null)[], values: (personId: string) => Partial<Insertable<MeetingAttendeeTable>> = () => ({})) => {
    for (const personId of personIds) if (personId) attendees.push({ tenantId, meetingId, personId, ...values(personId) });
  };
  invite(approved.id, membersOf(steering.id), (p) => {
    if (p === samira) return { response: 'declined', attendance: 'excused' };
    if (p === kelly && nadia) {
      return { response: 'accepted', attendance: 'present', checkedInBy: nadia, checkedInAt: brusselsTime(addDays(past, 1), 11), checkInNote: 'Vond het fijn dat ze haar verhaal kon doen; wil volgende keer graag terugkomen.' };
    }
    return { response: 'accepted', attendance: p === dimitri ? 'absent' : 'present' };
  });
  invite(waiting.id, membersOf(workGroup.id), (p) => ({ response: 'accepted', attendance: p === kelly || p === sofie || p === tom || p === lotte ? 'present' : 'excused' }));
  invite(upcoming.id, membersOf(steering.id), (p) => ({ response: p === hilde || p === marc || p === lotte ? 'accepted' : p === kelly ? 'tentative' : 'none' }));
  // The parents have no account: Nadia asked each of them and recorded the answer.
  invite(evening.id, membersOf(parentsGroup.id), (p) => ({ response: p === kelly || p === lotte || p === nadia ? 'accepted' : p === dimitri ? 'tentative' : 'none' }));
  if (attendees.length) await trx.insertInto('meetingAttendee').values(attendees).onConflict((oc) => oc.doNothing()).execute();

  // The approved minutes went to the attendees who have an e-mail address and to the aldermen.
  const sentAt = brusselsTime(addDays(past, 3), 9, 5);
  const recipients = people.filter((p) => p.email && membersOf(steering.id).includes(p.id));
  if (recipients.length) {
    const roles = await trx.selectFrom('membership').select(['personId', 'role']).where('tenantId', '=', tenantId).where('bodyId', '=', steering.id).execute();
    const isAlderman = (id: string) => roles.some((r) => r.personId === id && r.role === 'alderman');
    await trx
      .insertInto('minutesDelivery')
      .values(
        recipients.map((p) => ({
          tenantId,
          trajectoryId,
          meetingId: approved.id,
          personId: p.id,
          address: p.email!,
          recipientName: p.displayName,
          reason: isAlderman(p.id) ? 'alderman' : 'attendee',
          transport: 'outbox',
          state: 'sent',
          attempts: 1,
          sentAt,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
