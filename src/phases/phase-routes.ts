import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { phaseOutput } from './phase-rules';
import { createPhaseService } from './phase-service';

export function registerPhaseRoutes(api: ApiContext, db: Db): void {
  const service = createPhaseService(db);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/phases',
    summary: "The roadmap's ten phases: what each asks, who does it, its state and date as the data shows them, and the evidence",
    tag: 'Phases',
    params: idParam,
    response: z.array(phaseOutput),
    problems: [403],
    handler: ({ principal, params }) => service.phases(principal, params.id),
  });
}
