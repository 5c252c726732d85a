/** Messages of the inventory view(s), Dutch first; `en` must have the same keys. */
export const inventoryNl = {
} as const;

export const inventoryEn: Record<keyof typeof inventoryNl, string> = {
};
