import { useState } from 'react';
import { useApp } from '../app-context';
import { useI18n } from '../i18n/i18n';

/** The plan as an Excel file: downloaded through a temporary link, since the request needs the token. */
export function usePlanExport(trajectoryId: string): { exporting: boolean; error: unknown; run: () => Promise<void> } {
  const { api, announce } = useApp();
  const { t } = useI18n();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setExporting(true);
    setError(null);
    try {
      const { blob, fileName } = await api.blob(`/api/v1/trajectories/${trajectoryId}/plan.xlsx`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName ?? 'actieplan.xlsx';
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce(t('plan.exported'));
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  };
  return { exporting, error, run };
}
