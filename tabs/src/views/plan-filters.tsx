import { Button, Checkbox, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { Plan, PlanDomain } from '../api/types';
import { StatusSelect } from '../components/status-select';
import { useI18n } from '../i18n/i18n';
import type { PlanFilterValues } from './plan-rows';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  search: { minWidth: '220px', flexGrow: 1, maxWidth: '360px' },
  filter: { minWidth: '150px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginInlineStart: 'auto' },
});

interface PlanFiltersProps {
  filters: PlanFilterValues;
  domains: PlanDomain[];
  /** The plan's people, sorted by name. */
  owners: Plan['people'];
  /** Whether any filter is set: then "clear filters" shows. */
  filtered: boolean;
  onChange: <K extends keyof PlanFilterValues>(key: K, value: PlanFilterValues[K]) => void;
  onClear: () => void;
  onExpandAll: (all: boolean) => void;
}

/** The plan's search and filters, and the buttons that open or close the whole tree. */
export function PlanFilters({ filters, domains, owners, filtered, onChange, onClear, onExpandAll }: PlanFiltersProps) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div role="search" className={styles.toolbar} aria-label={t('plan.toolbar')}>
      <Field label={t('plan.search')} className={styles.search}>
        <Input type="search" value={filters.q} onChange={(_, d) => onChange('q', d.value)} />
      </Field>
      <Field label={t('plan.filterDomain')} className={styles.filter}>
        <Select value={filters.domain} onChange={(_, d) => onChange('domain', d.value)}>
          <option value="">{t('plan.all')}</option>
          {domains.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('plan.filterOwner')} className={styles.filter}>
        <Select value={filters.owner} onChange={(_, d) => onChange('owner', d.value)}>
          <option value="">{t('plan.all')}</option>
          <option value="none">{t('plan.noOwner')}</option>
          {owners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('plan.filterStatus')} className={styles.filter}>
        <StatusSelect anyLabel={t('plan.all')} value={filters.status} onChange={(s) => onChange('status', s)} />
      </Field>
      <Checkbox label={t('plan.filterOverdue')} checked={filters.overdue} onChange={(_, d) => onChange('overdue', d.checked === true)} />
      <div className={styles.buttons}>
        {filtered ? (
          <Button appearance="subtle" onClick={onClear}>
            {t('plan.clearFilters')}
          </Button>
        ) : null}
        <Button onClick={() => onExpandAll(true)}>{t('plan.expandAll')}</Button>
        <Button onClick={() => onExpandAll(false)}>{t('plan.collapseAll')}</Button>
      </div>
    </div>
  );
}
