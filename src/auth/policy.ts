/**
 * Who may do what: the one table the server enforces. docs/permissions.md shows the same table
 * (a test keeps the two equal) and the route matrix the permission tests are generated from.
 *
 * Roles are what a user holds: `admin` per tenant, the rest per trajectory, derived from
 * memberships (src/auth/access.ts). Capabilities are what a role allows. Domain- and
 * action-level capabilities also need the place: the user's own work group's domain, their
 * own action.
 */
export const policyRoles = [
  'admin',
  'coordinator',
  'chair',
  'facilitator',
  'alderman',
  'steering_member',
  'work_group_chair',
  'work_group_member',
  'action_owner',
  'parent',
  'trusted_person',
] as const;
export type PolicyRole = (typeof policyRoles)[number];

export const capabilities = [
  'trajectory.create',
  'trajectory.delete',
  'tenant.admins',
  'person.link',
  'trajectory.read',
  'trajectory.edit',
  'plan.edit',
  'domain.edit',
  'action.report',
  'people.read',
  'people.edit',
  'contact.read',
  'contact.edit',
  'person.trust',
  'bodies.edit',
  'membership.grant',
  'membership.grant_lead',
  'audit.read',
  'signal.record',
  'period.start',
  'questionnaire.answers_read',
  'questionnaire.invite',
  'meeting.manage',
  'agenda.propose',
  'minutes.approve',
  'report.approve',
] as const;
export type Capability = (typeof capabilities)[number];

const everyMember: readonly PolicyRole[] = policyRoles.filter((role) => role !== 'admin');
const steering: readonly PolicyRole[] = ['coordinator', 'chair', 'facilitator'];

/**
 * Capability → roles that hold it. `domain.edit` is held for the domain of one's own work
 * group; `action.report` for one's own action; `contact.read` for the parents one is the
 * trusted person of. Everyone also sees and changes their own contact details and reminders.
 */
export const grants: Readonly<Record<Capability, readonly PolicyRole[]>> = {
  'trajectory.create': ['admin'],
  'trajectory.delete': ['admin'],
  'tenant.admins': ['admin'],
  'person.link': ['admin'],
  'trajectory.read': ['admin', ...everyMember],
  'trajectory.edit': steering,
  'plan.edit': steering,
  'domain.edit': [...steering, 'work_group_chair', 'work_group_member'],
  'action.report': [...steering, 'work_group_chair', 'work_group_member', 'action_owner'],
  'people.read': ['admin', ...everyMember],
  'people.edit': ['admin', ...steering],
  'contact.read': ['coordinator', 'trusted_person'],
  'contact.edit': ['coordinator'],
  'person.trust': ['coordinator'],
  'bodies.edit': steering,
  'membership.grant': ['admin', ...steering],
  'membership.grant_lead': ['admin', 'coordinator'],
  'audit.read': ['admin', ...steering],
  // Parents have no write rights: the signal group's verdict is written down on its behalf.
  'signal.record': ['coordinator', 'trusted_person'],
  'period.start': ['admin', 'coordinator'],
  // Single answers can point at a parent: only the coordinator, the parents' contact point, reads them.
  'questionnaire.answers_read': ['coordinator'],
  // A one-time link lets its holder answer once without an account: handed out by who keeps in touch with parents.
  'questionnaire.invite': ['coordinator', 'trusted_person'],
  // A work group's chair runs their own work group's meetings (place-bound to its domain).
  'meeting.manage': [...steering, 'work_group_chair'],
  // Participation: whoever takes part may put a point on the agenda; the organiser decides.
  'agenda.propose': everyMember,
  // The body's chair signs off its minutes; whoever wrote them does not approve them.
  'minutes.approve': ['chair', 'work_group_chair'],
  // The steering group's chair reports to the college: they approve and send the progress report; whoever wrote it does not.
  'report.approve': ['chair'],
};

/**
 * Memberships that only `membership.grant_lead` may grant, change or take away: the roles
 * that carry rights over the whole trajectory, and those that reach parents' contact
 * details. So a chair cannot make anyone (themself included) a coordinator or someone's
 * trusted person, and nobody grants a role above their own.
 */
export const leadMemberRoles: ReadonlySet<string> = new Set(['coordinator', 'chair', 'facilitator', 'parent', 'trusted_person']);
