import { z } from 'zod';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { collegeScheduleInput, collegeScheduleOutput, reportDeliveryLog, reportDetail, reportInput, reportList, reportPatch, reportSendBackInput } from './report-schemas';
import type { ReportService } from './report-service';

const tag = 'Reports';
const empty = z.object({}).strict();
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function registerReportRoutes(api: ApiContext, reports: ReportService): void {
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/college-schedule',
    summary: 'When the college meets, how often it wants a report, and when the chair gets the report card',
    tag,
    params: idParam,
    response: collegeScheduleOutput,
    handler: ({ principal, params }) => reports.getSchedule(principal, params.id),
  });
  api.route({
    method: 'PUT',
    url: '/api/v1/trajectories/:id/college-schedule',
    summary: "Set the college's calendar and its secretary",
    tag,
    params: idParam,
    body: collegeScheduleInput,
    response: collegeScheduleOutput,
    problems: [403],
    handler: ({ principal, params, body }) => reports.putSchedule(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/reports',
    summary: 'The progress reports to the college, newest period first',
    tag,
    params: idParam,
    response: reportList,
    handler: ({ principal, params }) => reports.list(principal, params.id),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/reports',
    summary: 'Generate a progress report for a period: a snapshot computed from the plan',
    tag,
    params: idParam,
    body: reportInput,
    response: reportDetail,
    status: 201,
    problems: [403],
    handler: ({ principal, params, body }) => reports.create(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/reports/:id',
    summary: 'One report with its snapshot',
    tag,
    params: idParam,
    response: reportDetail,
    handler: ({ principal, params }) => reports.get(principal, params.id),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/reports/:id',
    summary: "Edit the report's free text (while draft or sent back)",
    tag,
    params: idParam,
    body: reportPatch,
    response: reportDetail,
    problems: [403, 409],
    handler: ({ principal, params, body }) => reports.patch(principal, params.id, body),
  });
  const step = (url: string, summary: string, run: (principal: Parameters<ReportService['submit']>[0], id: string) => ReturnType<ReportService['submit']>) =>
    api.route({
      method: 'POST',
      url,
      summary,
      tag,
      params: idParam,
      body: empty,
      response: reportDetail,
      problems: [403, 409],
      handler: ({ principal, params }) => run(principal, params.id),
    });
  step('/api/v1/reports/:id/regenerate', 'Compute the snapshot again from the plan (only while draft)', (p, id) => reports.regenerate(p, id));
  step('/api/v1/reports/:id/submit', "Submit the report to the steering group's chair; from now on its snapshot never changes", (p, id) => reports.submit(p, id));
  step('/api/v1/reports/:id/approve', 'Approve and send: the report goes to every alderman and the college secretary', (p, id) => reports.approve(p, id));
  api.route({
    method: 'POST',
    url: '/api/v1/reports/:id/send-back',
    summary: 'Send the report back to the coordinator with a remark',
    tag,
    params: idParam,
    body: reportSendBackInput,
    response: reportDetail,
    problems: [403, 409],
    handler: ({ principal, params, body }) => reports.sendBack(principal, params.id, body.remark),
  });
  for (const format of ['docx', 'pdf'] as const) {
    api.route({
      method: 'GET',
      url: `/api/v1/reports/:id/report.${format}`,
      summary: `The report as .${format}`,
      tag,
      params: idParam,
      handler: async ({ principal, params, reply }) => {
        const files = await reports.files(principal, params.id);
        reply
          .type(format === 'docx' ? docxType : 'application/pdf')
          .header('content-disposition', `attachment; filename="${files.base}.${format}"`)
          .header('cache-control', 'no-store');
        return format === 'docx' ? files.docx : files.pdf;
      },
    });
  }
  api.route({
    method: 'GET',
    url: '/api/v1/reports/:id/deliveries',
    summary: 'Who the approved report went to: one row per recipient, with its state',
    tag,
    params: idParam,
    response: reportDeliveryLog,
    problems: [403],
    handler: ({ principal, params }) => reports.deliveries(principal, params.id),
  });
}
