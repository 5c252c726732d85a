/**
 * Side effects that follow a committed change (invitations, the bot's posts, deliveries): the
 * composition root hangs listeners here. A listener's failure is its own (each makes its work
 * retryable) and never undoes the saved change, so it is logged, not thrown.
 */
export interface AfterCommitEvents<E> {
  on(listener: (event: E) => Promise<void>): void;
  emit(event: E): Promise<void>;
}

export function createAfterCommitEvents<E>(log: (error: unknown, event: E) => void = () => undefined): AfterCommitEvents<E> {
  const listeners: ((event: E) => Promise<void>)[] = [];
  return {
    on: (listener) => void listeners.push(listener),
    async emit(event) {
      for (const listener of listeners) {
        try {
          await listener(event);
        } catch (error) {
          log(error, event);
        }
      }
    },
  };
}
