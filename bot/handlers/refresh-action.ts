import { showActionCard, type CardHandler } from './handler';

/** Universal Actions refresh: the card as this viewer should see it now (owner: editable). */
export const refreshAction: CardHandler = showActionCard;
