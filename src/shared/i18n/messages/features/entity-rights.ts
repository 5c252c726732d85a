/** Messages about what the reader may do (server-decided rights). Dutch first; `en` has the same keys. */
export const entityRightsNl = {
  'rights.readOnly': 'Je kunt dit plan lezen, maar niet wijzigen.',
  'rights.readOnlyBoard': 'Je kunt dit bord lezen, maar geen kaarten verplaatsen.',
  'rights.ownerOnly': 'Je werkt je eigen acties bij: de status, de einddatum en de voortgang. Andere velden wijzigt de werkgroep.',
  'rights.fieldLocked': 'Dit veld wijzigt de werkgroep of de coördinator.',
} as const;

export const entityRightsEn: Record<keyof typeof entityRightsNl, string> = {
  'rights.readOnly': 'You can read this plan, but not change it.',
  'rights.readOnlyBoard': 'You can read this board, but not move cards.',
  'rights.ownerOnly': 'You update your own actions: their status, end date and progress. The work group changes the other fields.',
  'rights.fieldLocked': 'The work group or the coordinator changes this field.',
};
