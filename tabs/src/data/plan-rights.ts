import type { Plan, PlanCan, PlanWire } from '../api/types';

/**
 * The server says the rights once per domain (and by id only for actions that differ, an
 * owner's own); the views look them up by entity id, so they are spread out once per load.
 */
export function spreadRights(wire: PlanWire): Plan {
  const can: PlanCan = { trajectory: wire.can.trajectory, domains: {}, strategicObjectives: {}, operationalObjectives: {}, actions: {} };
  const held = (rights: object) => Object.values(rights).some((v: unknown) => v === true || (Array.isArray(v) && v.length > 0));
  for (const domain of wire.domains) {
    const rights = wire.can.domains[domain.id];
    if (rights && held(rights.domain)) can.domains[domain.id] = rights.domain;
    for (const strategic of domain.strategicObjectives) {
      if (rights && held(rights.strategicObjectives)) can.strategicObjectives[strategic.id] = rights.strategicObjectives;
      for (const operational of strategic.operationalObjectives) {
        if (rights && held(rights.operationalObjectives)) can.operationalObjectives[operational.id] = rights.operationalObjectives;
        for (const action of operational.actions) {
          const own = wire.can.actions[action.id] ?? rights?.actions;
          if (own && held(own)) can.actions[action.id] = own;
        }
      }
    }
  }
  return { ...wire, can };
}

