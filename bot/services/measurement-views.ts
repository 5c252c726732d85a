import { assertRead, loadAccess } from '../../src/auth/access';
import { indicatorCan } from '../../src/auth/entity-rights';
import type { Principal } from '../../src/auth/principal';
import type { Db } from '../../src/db/database';
import { notFound } from '../../src/shared/errors';
import { measurementResource } from '../../src/indicators/indicator-resources';
import { dueOn } from '../../src/measurement-plans/due-date';
import { findPlanForCard, type PlanForCard } from '../../src/measurement-plans/measurement-plan-repository';
import { createResourceService } from '../../src/shared/resource-service';
import { brusselsDate } from '../../src/shared/time';
import { measurementCard, type MeasurementCardView } from '../cards/measurement-card';
import type { Card } from '../cards/elements';
import type { Lang } from '../i18n/texts';

export type MeasurementExtras = Pick<MeasurementCardView, 'saved' | 'errors' | 'typed' | 'followUpId'>;

function planView(plan: PlanForCard): MeasurementCardView['plan'] {
  const last = (plan.lastMeasuredOn as string | null) ?? null;
  return {
    id: plan.id,
    indicatorName: plan.indicatorName,
    unit: plan.unit,
    kind: plan.kind,
    baseline: plan.baseline,
    target: plan.target,
    actionTitle: plan.actionTitle,
    source: plan.source,
    lastValue: (plan.lastValue as number | null) ?? null,
    lastMeasuredOn: last,
    dueOn: dueOn(plan, last),
  };
}

/**
 * The measurement card as a viewer may see it, and recording a value from it. Recording is the
 * measurements' own create (action.report at the indicator's action, audit): the card adds no
 * right of its own.
 */
export function createMeasurementViews(db: Db, clock: { now(): Date } = { now: () => new Date() }) {
  const measurements = createResourceService(db, measurementResource);

  async function load(principal: Principal, planId: string) {
    const plan = await findPlanForCard(db, principal.tenantId, planId);
    if (!plan) throw notFound(`measurement plan ${planId}`);
    const access = await loadAccess(db, principal, plan.trajectoryId);
    assertRead(access, `measurement plan ${planId}`);
    // The server's own answer on the indicator (what the measurements' create enforces).
    return { plan, editable: indicatorCan(access, { domainId: plan.domainId, ownerId: plan.ownerId }).measure };
  }

  return {
    /** `today`: the follow-up's own day when a reminder builds it (the dispatcher's clock). */
    async card(principal: Principal, planId: string, lang: Lang, extras: MeasurementExtras = {}, today = brusselsDate(clock.now())): Promise<Card> {
      const { plan, editable } = await load(principal, planId);
      return measurementCard({ lang, plan: planView(plan), today, editable, ...extras });
    },

    /** Saves one value (403/404 as AppError, like the API); answers the card in its saved state. */
    async record(principal: Principal, planId: string, input: { value: number; measuredOn: string; note?: string }, lang: Lang, followUpId?: string): Promise<Card> {
      const { plan } = await load(principal, planId);
      await measurements.create(principal, plan.indicatorId, { measuredOn: input.measuredOn, value: input.value, ...(input.note ? { note: input.note } : {}) });
      const after = await load(principal, planId);
      return measurementCard({
        lang,
        plan: planView(after.plan),
        today: brusselsDate(clock.now()),
        editable: after.editable,
        saved: { value: input.value, measuredOn: input.measuredOn },
        followUpId,
      });
    },
  };
}

export type MeasurementViews = ReturnType<typeof createMeasurementViews>;
