/** Messages of the phases view(s), Dutch first; `en` must have the same keys. */
export const phasesNl = {
} as const;

export const phasesEn: Record<keyof typeof phasesNl, string> = {
};
