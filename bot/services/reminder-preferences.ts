import type { Principal } from '../../src/auth/principal';
import type { Db } from '../../src/db/database';
import { notFound } from '../../src/shared/errors';
import { createPeopleService } from '../../src/people/people-service';
import { findPersonReminders } from '../data/bot-repository';

/**
 * A person's own reminder level (normal | reduced | off). Changes go through the people service,
 * which lets anyone change this field about themself and writes the audit log.
 */
export function createReminderPreferences(db: Db) {
  const people = createPeopleService(db);
  return {
    async current(principal: Principal): Promise<{ personId: string; level: string }> {
      const person = await findPersonReminders(db, principal.tenantId, principal.userId);
      if (!person) throw notFound('person');
      return { personId: person.id, level: person.reminders };
    },
    async set(principal: Principal, trajectoryId: string, level: 'normal' | 'reduced' | 'off'): Promise<string> {
      const { personId } = await this.current(principal);
      const updated = await people.update(principal, trajectoryId, personId, { reminders: level });
      return updated.reminders;
    },
  };
}

export type ReminderPreferences = ReturnType<typeof createReminderPreferences>;
