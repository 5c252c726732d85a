/** Messages of the steering view(s), Dutch first; `en` must have the same keys. */
export const steeringNl = {
} as const;

export const steeringEn: Record<keyof typeof steeringNl, string> = {
};
