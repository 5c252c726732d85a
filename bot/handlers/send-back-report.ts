import { z } from 'zod';
import { reportTexts } from '../i18n/report-texts';
import { cardResponse, errorResponse, messageResponse, refusal, type CardHandler } from './handler';
import { isConflict } from './meeting-refusals';

const input = z.object({ reportId: z.uuid(), remark: z.string().optional() });

/** The chair sends the report back with a remark (required: the coordinator needs to know what to change). */
export const sendBackReport: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'reportId is missing or not a UUID');
  const t = reportTexts[lang];
  const { reportId } = parsed.data;
  const remark = (parsed.data.remark ?? '').trim();
  try {
    if (!remark || remark.length > 2000) {
      // The form comes back only to who may decide: the service is asked first.
      const detail = await services.reports.get(principal, reportId);
      if (!detail.can.sendBack) return messageResponse(detail.state === 'submitted' ? t.forbidden : t.notWaiting);
      const card = await services.reportViews.chairCard(principal.tenantId, reportId, lang, 'waiting', { error: t.remarkRequired, typedRemark: parsed.data.remark?.slice(0, 2000) });
      return card ? cardResponse(card) : messageResponse(t.notFound);
    }
    try {
      await services.reports.sendBack(principal, reportId, remark);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const card = await services.reportViews.chairCard(principal.tenantId, reportId, lang, 'notWaiting');
      return card ? cardResponse(card) : messageResponse(t.notFound);
    }
    const card = await services.reportViews.chairCard(principal.tenantId, reportId, lang, 'sentBack');
    return card ? cardResponse(card) : messageResponse(t.sentBackDone);
  } catch (error) {
    return refusal(error, { forbidden: t.forbidden, notFound: t.notFound });
  }
};
