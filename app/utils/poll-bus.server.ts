/**
 * In-process publish/subscribe for live poll results: a vote or a state change
 * publishes the poll id, and every open presenter stream for that poll reloads
 * its numbers. The interface is deliberately tiny so a multi-process deployment
 * can swap the implementation (e.g. PostgreSQL LISTEN/NOTIFY) without touching
 * callers.
 */
export type PollListener = () => void;

export interface PollBus {
  publish(pollId: string): void;
  /** Returns the function that unsubscribes. */
  subscribe(pollId: string, listener: PollListener): () => void;
}

function createInProcessBus(): PollBus {
  const listeners = new Map<string, Set<PollListener>>();
  return {
    publish(pollId) {
      for (const listener of [...(listeners.get(pollId) ?? [])]) {
        try {
          listener();
        } catch {
          // One broken stream must not stop the others.
        }
      }
    },
    subscribe(pollId, listener) {
      let set = listeners.get(pollId);
      if (!set) listeners.set(pollId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(pollId) === set) listeners.delete(pollId);
      };
    },
  };
}

// Survives module reloads in development, like the database client.
const g = globalThis as { __pollBus?: PollBus };
export const pollBus: PollBus = (g.__pollBus ??= createInProcessBus());

export const publishPollChange = (pollId: string) => pollBus.publish(pollId);
export const subscribeToPoll = (pollId: string, listener: PollListener) => pollBus.subscribe(pollId, listener);
