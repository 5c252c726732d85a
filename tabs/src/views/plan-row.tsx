import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, type ReactNode } from 'react';
import type { PlanCan, PlanDomain, PlanIndicator } from '../api/types';
import { ChevronDown, ChevronRight, Pencil, Plus } from '../components/icons';
import { IndicatorProgress, OverdueFlag, StatusLabel } from '../components/status';
import type { ActionDialogMode } from '../dialogs/action-dialog';
import type { ObjectiveTarget } from '../dialogs/objective-dialog';
import { actionRights, domainRights, operationalRights, strategicRights } from '../data/plan';
import { label, useI18n } from '../i18n/i18n';
import { paths } from '../router';
import type { Row } from './plan-rows';

const useStyles = makeStyles({
  domainRow: { backgroundColor: tokens.colorNeutralBackground3, '& td': { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS } },
  focused: { outline: `2px solid ${tokens.colorPaletteMarigoldBorderActive}`, outlineOffset: '-2px', backgroundColor: tokens.colorPaletteMarigoldBackground1 },
  titleCell: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, minWidth: '18rem' },
  toggle: {
    display: 'inline-flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXS,
    background: 'none',
    border: 'none',
    padding: '2px',
    margin: 0,
    color: 'inherit',
    font: 'inherit',
    textAlign: 'start',
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { color: tokens.colorBrandForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  chevron: { flexShrink: 0, marginTop: '3px' },
  spacer: { width: '20px', flexShrink: 0 },
  caption: { display: 'block', fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, color: tokens.colorNeutralForeground2, textTransform: 'uppercase', letterSpacing: '0.04em' },
  domainName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  strategic: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  actionLink: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'none',
    padding: '2px',
    ':hover': { textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
  indicators: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  tools: { display: 'flex', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  due: { display: 'flex', flexDirection: 'column', whiteSpace: 'nowrap' },
});

/** The dialog a row's tool opens. */
export type DialogState = { kind: 'objective'; target: ObjectiveTarget } | { kind: 'action'; mode: ActionDialogMode } | { kind: 'domain'; domain: PlanDomain };

export interface PlanRowProps {
  row: Row;
  trajectoryId: string;
  expanded: boolean;
  focused: boolean;
  /** What the server says the caller may do, per entity (absent: the tools column is not shown). */
  can: PlanCan | null;
  ownerName: string;
  /** An action row's indicators (read beside the plan, so they may come a moment later). */
  indicators: readonly PlanIndicator[];
  onToggle: (id: string) => void;
  onDialog: (dialog: DialogState) => void;
}

/** One line of the plan table, with the tools the server allows on its entity. */
export const PlanRow = memo(function PlanRow({ row, trajectoryId, expanded, focused, can, ownerName, indicators, onToggle, onDialog }: PlanRowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const level = { domain: 0, strategic: 1, operational: 2, action: 3 }[row.kind];
  // The server's answers for this row's entity.
  const rights = { domain: domainRights(can, row.id), strategic: strategicRights(can, row.id), operational: operationalRights(can, row.id), action: actionRights(can, row.id) };
  const indent = { paddingInlineStart: `${level * 20}px` };
  const toggle = (title: string, caption: string, className?: string) => (
    <button type="button" className={styles.toggle} aria-expanded={expanded} onClick={() => onToggle(row.id)}>
      {expanded ? <ChevronDown className={styles.chevron} /> : <ChevronRight className={styles.chevron} />}
      <span>
        <span className={styles.caption}>{caption}</span>
        <span className={className}>{title}</span>
      </span>
    </button>
  );
  const editButton = (name: string, dialog: DialogState) => (
    <Button size="small" appearance="subtle" data-control="edit" icon={<Pencil />} aria-label={t('plan.edit', { name })} title={t('plan.edit', { name })} onClick={() => onDialog(dialog)} />
  );
  const addButton = (text: string, fullLabel: string, dialog: DialogState) => (
    <Button size="small" appearance="subtle" data-control="add" icon={<Plus />} aria-label={fullLabel} onClick={() => onDialog(dialog)}>
      {text}
    </Button>
  );

  /** A domain's or objective's cells: its toggle, a summary across the action columns, its tools. */
  const nodeCells = (title: ReactNode, summary: ReactNode, tools: ReactNode) => (
    <>
      <td>
        <div className={styles.titleCell} style={indent}>
          {title}
        </div>
      </td>
      <td colSpan={4} className={styles.meta}>
        {summary}
      </td>
      {can ? (
        <td>
          <div className={styles.tools}>{tools}</div>
        </td>
      ) : null}
    </>
  );

  let cells;
  switch (row.kind) {
    case 'domain':
      cells = nodeCells(
        toggle(row.domain.name, t('plan.level.domain'), styles.domainName),
        <>
          {label(i18n, 'approach', row.domain.approach)} · {label(i18n, 'domainState', row.domain.state)} · {i18n.tc('plan.actionsCount', row.count)}
        </>,
        <>
          {rights.domain.edit ? editButton(row.domain.name, { kind: 'domain', domain: row.domain }) : null}
          {rights.domain.addStrategicObjective
            ? addButton(t('plan.addStrategic'), t('plan.addStrategicTo', { name: row.domain.name }), { kind: 'objective', target: { kind: 'strategic', domain: row.domain } })
            : null}
        </>,
      );
      break;
    case 'strategic':
      cells = nodeCells(
        toggle(row.strategic.title, t('plan.level.strategic'), styles.strategic),
        i18n.tc('plan.actionsCount', row.count),
        <>
          {rights.strategic.edit ? editButton(row.strategic.title, { kind: 'objective', target: { kind: 'strategic', domain: row.domain, existing: row.strategic } }) : null}
          {rights.strategic.addOperationalObjective
            ? addButton(t('plan.addOperational'), t('plan.addOperationalTo', { name: row.strategic.title }), { kind: 'objective', target: { kind: 'operational', strategic: row.strategic } })
            : null}
        </>,
      );
      break;
    case 'operational': {
      const o = row.operational;
      const smart = [o.smartSpecific, o.smartMeasurable, o.smartAgreed, o.smartRealistic, o.smartTimeBound].filter(Boolean).length;
      cells = nodeCells(
        toggle(o.title, t('plan.level.operational')),
        <>
          {t('plan.smartScore', { done: smart })}
          {o.targetDate ? ` · ${t('plan.targetDate', { date: i18n.date(o.targetDate) })}` : ''} · {i18n.tc('plan.actionsCount', row.count)}
        </>,
        <>
          {rights.operational.edit ? editButton(o.title, { kind: 'objective', target: { kind: 'operational', strategic: row.strategic, existing: o } }) : null}
          {rights.operational.addAction ? addButton(t('plan.addAction'), t('plan.addActionTo', { name: o.title }), { kind: 'action', mode: { kind: 'new', operational: o } }) : null}
        </>,
      );
      break;
    }
    case 'action': {
      const a = row.action;
      cells = (
        <>
          <td>
            <div className={styles.titleCell} style={indent}>
              <span className={styles.spacer} />
              <a className={styles.actionLink} href={paths.action(trajectoryId, a.id)}>
                {a.title}
              </a>
            </div>
          </td>
          <td>{ownerName || <span className={styles.meta}>{t('board.noOwner')}</span>}</td>
          <td>
            <span className={styles.due}>
              {a.dueDate ? i18n.date(a.dueDate) : <span className={styles.meta}>{t('plan.noDue')}</span>}
              {a.overdue ? <OverdueFlag /> : null}
            </span>
          </td>
          <td>
            <StatusLabel status={a.status} />
          </td>
          <td>
            <div className={styles.indicators}>
              {indicators.map((i) => (
                <IndicatorProgress key={i.id} indicator={i} />
              ))}
            </div>
          </td>
          {can ? <td>{rights.action.fields.length ? editButton(a.title, { kind: 'action', mode: { kind: 'edit', actionId: a.id } }) : null}</td> : null}
        </>
      );
      break;
    }
  }
  return (
    <tr data-row={row.kind} data-id={row.id} className={mergeClasses(row.kind === 'domain' && styles.domainRow, focused && styles.focused)}>
      {cells}
    </tr>
  );
});
