/** Messages of the phone and tablet layouts (the board's column switcher). Dutch first; `en` has the same keys. */
export const responsiveNl = {
  'board.switcher': 'Kolom van het bord',
  'board.switcherTab': '{status} ({count})',
};

export const responsiveEn: Record<keyof typeof responsiveNl, string> = {
  'board.switcher': 'Board column',
  'board.switcherTab': '{status} ({count})',
};
