/** Messages of the context view(s), Dutch first; `en` must have the same keys. */
export const contextNl = {
} as const;

export const contextEn: Record<keyof typeof contextNl, string> = {
};
