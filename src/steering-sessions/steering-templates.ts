/*
 * The steering group's first three meetings as the roadmap shapes them. Only codes and
 * timings live here: the tab words every title and question (src/shared/i18n/messages/features/steering.ts),
 * so the stored answers stay keyed by codes that never change.
 */
export const sessionNumbers = [1, 2, 3] as const;
export type SessionNumber = (typeof sessionNumbers)[number];

export const agendaKinds = ['information', 'discussion', 'decision'] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export interface AgendaItemTemplate {
  code: string;
  kind: AgendaKind;
  minutes: number;
}

export interface SessionTemplate {
  number: SessionNumber;
  /** What the meeting is about, as a code the tab words. */
  theme: string;
  agenda: readonly AgendaItemTemplate[];
  /** The questions whose answers the session records (keys of `answers`). */
  prompts: readonly string[];
}

/** Longest answer to one prompt. */
export const MAX_ANSWER_LENGTH = 4000;

export const sessionTemplates: readonly SessionTemplate[] = [
  {
    number: 1,
    theme: 'poverty_dignity',
    agenda: [
      { code: 'welcome', kind: 'information', minutes: 15 },
      { code: 'dignity', kind: 'discussion', minutes: 30 },
      { code: 'poverty', kind: 'discussion', minutes: 30 },
      { code: 'reference_budgets', kind: 'information', minutes: 30 },
      { code: 'survival_strategies', kind: 'information', minutes: 15 },
      { code: 'homework', kind: 'information', minutes: 10 },
      { code: 'next_meeting', kind: 'decision', minutes: 5 },
    ],
    prompts: ['dignity_meaning', 'poverty_meaning', 'reference_budget_insights', 'parents_strengths', 'agreements'],
  },
  {
    number: 2,
    theme: 'mission_vision',
    agenda: [
      { code: 'welcome', kind: 'information', minutes: 10 },
      { code: 'dream_not_plan', kind: 'information', minutes: 5 },
      { code: 'cases', kind: 'discussion', minutes: 40 },
      { code: 'dream', kind: 'discussion', minutes: 40 },
      { code: 'mission', kind: 'decision', minutes: 20 },
      { code: 'quality_criteria', kind: 'discussion', minutes: 20 },
      { code: 'next_meeting', kind: 'decision', minutes: 5 },
    ],
    prompts: ['case_stories', 'success_conditions', 'dream_picture', 'dream_essentials', 'mission_notes'],
  },
  {
    number: 3,
    theme: 'priority_domains',
    agenda: [
      { code: 'welcome', kind: 'information', minutes: 10 },
      { code: 'vision_recap', kind: 'information', minutes: 10 },
      { code: 'parents_need', kind: 'discussion', minutes: 30 },
      { code: 'children_need', kind: 'discussion', minutes: 30 },
      { code: 'group_domains', kind: 'discussion', minutes: 20 },
      { code: 'choose_domains', kind: 'decision', minutes: 25 },
      { code: 'compose_work_groups', kind: 'decision', minutes: 20 },
      { code: 'next_meeting', kind: 'decision', minutes: 5 },
    ],
    prompts: ['parents_need', 'children_need', 'domain_groups', 'priority_domains', 'work_group_composition'],
  },
];

export function templateOf(number: SessionNumber): SessionTemplate {
  return sessionTemplates.find((s) => s.number === number)!;
}
