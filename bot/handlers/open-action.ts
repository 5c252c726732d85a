import { showActionCard, type CardHandler } from './handler';

/** From a list (the steering-group request): replace the card by this action's update card. */
export const openAction: CardHandler = showActionCard;
