import { z } from 'zod';
import { reportTexts } from '../i18n/report-texts';
import { cardResponse, errorResponse, messageResponse, refusal, type CardHandler } from './handler';
import { isConflict } from './meeting-refusals';

const input = z.object({ reportId: z.uuid() });

/** The steering group's chair approves the report from their card (the report service checks `report.approve`); delivery follows. */
export const approveReport: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'reportId is missing or not a UUID');
  const t = reportTexts[lang];
  const { reportId } = parsed.data;
  try {
    try {
      await services.reports.approve(principal, reportId);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const card = await services.reportViews.chairCard(principal.tenantId, reportId, lang, 'notWaiting');
      return card ? cardResponse(card) : messageResponse(t.notFound);
    }
    const card = await services.reportViews.chairCard(principal.tenantId, reportId, lang, 'approved');
    return card ? cardResponse(card) : messageResponse(t.approved);
  } catch (error) {
    return refusal(error, { forbidden: t.forbidden, notFound: t.notFound });
  }
};
