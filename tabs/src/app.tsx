import { Button, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Api } from './api/client';
import type { Trajectory } from './api/types';
import { AppContext, type AppContextValue } from './app-context';
import { useCardStyles } from './components/view';
import { loadPlan, planKey } from './data/plan';
import { clearResources, loadResource, useResource } from './data/resource';
import type { Host, HostInfo } from './host/host';
import { useI18n } from './i18n/i18n';
import { LanguageSwitch } from './i18n/language-choice';
import { navigate, parseRoute, paths, useHash, type Route } from './router';
import { HomeView } from './views/home-view';
import { PeriodBanner } from './components/period-banner';
import { media, useCurrentInView, useTouchTargets } from './components/responsive';

// Each view is its own chunk: the first view downloads only what it shows.
const OverviewView = lazy(() => import('./views/overview-view').then((m) => ({ default: m.OverviewView })));
const PlanView = lazy(() => import('./views/plan-view').then((m) => ({ default: m.PlanView })));
const BoardView = lazy(() => import('./views/board-view').then((m) => ({ default: m.BoardView })));
const MembersView = lazy(() => import('./views/members-view').then((m) => ({ default: m.MembersView })));
const MyActionsView = lazy(() => import('./views/my-actions-view').then((m) => ({ default: m.MyActionsView })));
const PhasesView = lazy(() => import('./views/phases-view').then((m) => ({ default: m.PhasesView })));
const ContextView = lazy(() => import('./views/context-view').then((m) => ({ default: m.ContextView })));
const InventoryView = lazy(() => import('./views/inventory-view').then((m) => ({ default: m.InventoryView })));
const FocusGroupsView = lazy(() => import('./views/focus-groups-view').then((m) => ({ default: m.FocusGroupsView })));
const SteeringView = lazy(() => import('./views/steering-view').then((m) => ({ default: m.SteeringView })));
const EvaluationView = lazy(() => import('./views/evaluation-view').then((m) => ({ default: m.EvaluationView })));
const QuestionnairesView = lazy(() => import('./views/questionnaires-view').then((m) => ({ default: m.QuestionnairesView })));
const MeetingsView = lazy(() => import('./views/meetings-view').then((m) => ({ default: m.MeetingsView })));
const MeetingDetailView = lazy(() => import('./views/meeting-detail-view').then((m) => ({ default: m.MeetingDetailView })));
const ReportsView = lazy(() => import('./views/reports-view').then((m) => ({ default: m.ReportsView })));
const OutboxView = lazy(() => import('./views/outbox-view').then((m) => ({ default: m.OutboxView })));
const AuditView = lazy(() => import('./views/audit-view').then((m) => ({ default: m.AuditView })));
const ConfigView = lazy(() => import('./views/config-view').then((m) => ({ default: m.ConfigView })));

const useStyles = makeStyles({
  shell: { display: 'flex', flexDirection: 'column', minHeight: '100vh', color: tokens.colorNeutralForeground1 },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalM,
    top: '-100px',
    zIndex: 10,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    border: `2px solid ${tokens.colorStrokeFocus2}`,
    ':focus': { top: tokens.spacingVerticalS },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    [media.narrow]: { gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} 0` },
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  logo: { width: '28px', height: '28px', flexShrink: 0 },
  brandText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  product: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  trajectory: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  nav: { flexGrow: 1, [media.narrow]: { order: 3, flexBasis: '100%', minWidth: 0 } },
  // On a phone the nav is one row that scrolls sideways inside its own box, never the page.
  navList: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
    [media.narrow]: { flexWrap: 'nowrap', overflowX: 'auto', scrollbarWidth: 'thin', overscrollBehaviorX: 'contain', marginInline: `calc(-1 * ${tokens.spacingHorizontalM})`, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` },
  },
  navLink: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    fontWeight: tokens.fontWeightRegular,
    borderBottom: '3px solid transparent',
    [media.narrow]: { whiteSpace: 'nowrap' },
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  navCurrent: { fontWeight: tokens.fontWeightSemibold, borderBottom: `3px solid ${tokens.colorCompoundBrandStroke}`, borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0` },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, [media.narrow]: { marginInlineStart: 'auto' } },
  main: { flexGrow: 1, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`, outline: 'none', minWidth: 0, [media.narrow]: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` } },
});

function Logo({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1E6B52" />
      <path d="M9 23V9M9 16.5 17 9M12.5 13.5 19 23" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" fill="none" />
      <circle cx="23" cy="11" r="3" fill="#F2C14E" />
    </svg>
  );
}

/** A meeting's detail and the outbox are reached from the meetings list, which stays current in the nav. */
const meetingViews: ReadonlySet<Route['name']> = new Set(['meeting', 'outbox']);

/** Views where a phase's work is done: reached from the phase tracker, which stays current in the nav. */
const phaseWorkViews: ReadonlySet<Route['name']> = new Set(['context', 'inventory', 'focusGroups', 'steering', 'evaluation', 'questionnaires']);

function trajectoryOf(route: Route): string | null {
  return 'trajectoryId' in route ? route.trajectoryId : null;
}

interface AppProps {
  api: Api;
  host: Host | null;
  hostInfo: HostInfo;
  userName: string;
  onSwitchUser: (() => void) | null;
}

export function App({ api, host, hostInfo, userName, onSwitchUser }: AppProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  useTouchTargets();
  const hash = useHash();
  const navListRef = useCurrentInView<HTMLUListElement>(hash);
  const route = useMemo(() => parseRoute(hash), [hash]);
  const trajectoryId = trajectoryOf(route);
  const mainRef = useRef<HTMLElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const readyRef = useRef(false);

  const announceTimer = useRef<number | undefined>(undefined);
  const announce = useCallback((message: string) => {
    // Clearing first makes screen readers repeat a message identical to the previous one; only
    // the last of a quick series (typing in a search box) is read out.
    setAnnouncement('');
    window.clearTimeout(announceTimer.current);
    announceTimer.current = window.setTimeout(() => setAnnouncement(message), 150);
  }, []);
  const markReady = useCallback(() => {
    if (readyRef.current) return;
    readyRef.current = true;
    host?.notifyReady();
  }, [host]);

  useEffect(() => {
    if (!host) return;
    host.enableCaching(
      (contentUrl) => {
        const target = new URL(contentUrl, window.location.href).hash;
        if (target) navigate(target, { replace: true });
      },
      () => clearResources(),
    );
    // A Teams deep link names an action (subPageId "<actionId>" or "<trajectoryId>/<actionId>").
    const sub = host.info.subPageId?.match(/^(?:([0-9a-f-]{36})\/)?([0-9a-f-]{36})$/i);
    const current = trajectoryOf(parseRoute(window.location.hash));
    const target = sub?.[1] ?? current;
    if (sub?.[2] && target) navigate(paths.action(target, sub[2]), { replace: true });
  }, [host]);

  // Start reading the view's data while its code is still being downloaded.
  useEffect(() => {
    if (route.name === 'plan' || route.name === 'board') void loadResource(planKey(route.trajectoryId), loadPlan(api, route.trajectoryId));
    if (route.name === 'overview') void loadResource(`overview:${route.trajectoryId}`, () => api.get(`/api/v1/trajectories/${route.trajectoryId}/overview`));
  }, [api, route]);

  const trajectory = useResource<Trajectory>(trajectoryId ? `trajectory:${trajectoryId}` : null, () => api.get(`/api/v1/trajectories/${trajectoryId}`));
  const context: AppContextValue = useMemo(() => ({ api, host, hostInfo, userName, announce, markReady }), [api, host, hostInfo, userName, announce, markReady]);

  const nav: { name: Route['name']; href: string; label: string }[] = trajectoryId
    ? [
        { name: 'overview', href: paths.overview(trajectoryId), label: t('nav.overview') },
        { name: 'phases', href: paths.phases(trajectoryId), label: t('nav.phases') },
        { name: 'plan', href: paths.plan(trajectoryId), label: t('nav.plan') },
        { name: 'board', href: paths.board(trajectoryId), label: t('nav.boards') },
        { name: 'members', href: paths.members(trajectoryId), label: t('nav.members') },
        { name: 'meetings', href: paths.meetings(trajectoryId), label: t('nav.meetings') },
        { name: 'reports', href: paths.reports(trajectoryId), label: t('nav.reports') },
        ...(trajectory.data?.permissions.includes('audit.read') ? [{ name: 'audit' as const, href: paths.audit(trajectoryId), label: t('nav.audit') }] : []),
      ]
    : [];

  let view: ReactNode;
  switch (route.name) {
    case 'overview':
      view = <OverviewView trajectoryId={route.trajectoryId} />;
      break;
    case 'plan':
      view = <PlanView trajectoryId={route.trajectoryId} actionId={route.actionId} query={route.query} access={trajectory.data} />;
      break;
    case 'board':
      view = <BoardView trajectoryId={route.trajectoryId} domainId={route.domainId} access={trajectory.data} />;
      break;
    case 'members':
      view = <MembersView trajectoryId={route.trajectoryId} query={route.query} access={trajectory.data} />;
      break;
    case 'phases':
      view = <PhasesView trajectoryId={route.trajectoryId} access={trajectory.data} />;
      break;
    case 'context':
      view = <ContextView trajectoryId={route.trajectoryId} access={trajectory.data} />;
      break;
    case 'inventory':
      view = <InventoryView trajectoryId={route.trajectoryId} access={trajectory.data} />;
      break;
    case 'focusGroups':
      view = <FocusGroupsView trajectoryId={route.trajectoryId} focusGroupId={route.focusGroupId} access={trajectory.data} />;
      break;
    case 'steering':
      view = <SteeringView trajectoryId={route.trajectoryId} session={route.session} access={trajectory.data} />;
      break;
    case 'evaluation':
      view = <EvaluationView trajectoryId={route.trajectoryId} domainId={route.domainId} access={trajectory.data} />;
      break;
    case 'questionnaires':
      view = <QuestionnairesView trajectoryId={route.trajectoryId} questionnaireId={route.questionnaireId} access={trajectory.data} />;
      break;
    case 'meetings':
      view = <MeetingsView trajectoryId={route.trajectoryId} query={route.query} access={trajectory.data} />;
      break;
    case 'meeting':
      view = <MeetingDetailView trajectoryId={route.trajectoryId} meetingId={route.meetingId} access={trajectory.data} />;
      break;
    case 'reports':
      view = <ReportsView trajectoryId={route.trajectoryId} reportId={route.reportId} access={trajectory.data} />;
      break;
    case 'outbox':
      view = <OutboxView trajectoryId={route.trajectoryId} access={trajectory.data} />;
      break;
    case 'audit':
      view = <AuditView trajectoryId={route.trajectoryId} query={route.query} access={trajectory.data} />;
      break;
    case 'myActions':
      view = <MyActionsView />;
      break;
    case 'config':
      view = <ConfigView />;
      break;
    default:
      view = <HomeView />;
  }

  // The Teams meeting side panel is ~320 px wide: the view alone, without the trajectory's nav.
  const showNav = route.name !== 'config' && hostInfo.frameContext !== 'sidePanel';
  return (
    <AppContext.Provider value={context}>
      <div className={styles.shell}>
        <a
          href="#main"
          className={styles.skip}
          onClick={(event) => {
            // The hash is the router's: move focus instead of following the link.
            event.preventDefault();
            mainRef.current?.focus();
          }}
        >
          {t('app.skipToContent')}
        </a>
        <header className={styles.header}>
          <div className={styles.brand}>
            <Logo className={styles.logo} />
            <div className={styles.brandText}>
              <span className={styles.product}>{t('app.name')}</span>
              {trajectory.data ? (
                <span className={styles.trajectory}>
                  {trajectory.data.name} · {trajectory.data.municipality}
                </span>
              ) : null}
            </div>
          </div>
          {showNav && nav.length ? (
            <nav className={styles.nav} aria-label={t('nav.label')}>
              <ul className={styles.navList} ref={navListRef}>
                {nav.map((item) => {
                  const current = item.name === route.name || (item.name === 'phases' && phaseWorkViews.has(route.name)) || (item.name === 'meetings' && meetingViews.has(route.name));
                  return (
                    <li key={item.name}>
                      <a href={item.href} className={mergeClasses(styles.navLink, current && styles.navCurrent)} aria-current={current ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : (
            <span className={styles.nav} />
          )}
          <LanguageSwitch />
          {onSwitchUser ? (
            <div className={styles.user}>
              <span>
                {t('shell.devMode')} · {t('shell.signedInAs', { name: userName })}
              </span>
              <Button size="small" onClick={onSwitchUser}>
                {t('shell.switchUser')}
              </Button>
            </div>
          ) : null}
        </header>
        <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
          {trajectory.data && showNav ? <PeriodBanner trajectory={trajectory.data} onOverview={route.name === 'overview'} /> : null}
          <Suspense fallback={<Spinner label={t('app.loading')} />}>{view}</Suspense>
        </main>
        <div role="status" aria-live="polite" aria-atomic="true" className={card.srOnly} data-testid="announcer">
          {announcement}
        </div>
      </div>
    </AppContext.Provider>
  );
}
