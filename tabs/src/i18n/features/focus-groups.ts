/** Messages of the focus-groups view(s), Dutch first; `en` must have the same keys. */
export const focusGroupsNl = {
} as const;

export const focusGroupsEn: Record<keyof typeof focusGroupsNl, string> = {
};
