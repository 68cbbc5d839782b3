import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Context } from '../graphql/context.js';

/** How long a result is kept for the other subscribers of the same group. */
const SHARE_MS = 5_000;

/**
 * Executes subscription events once per group of identical subscribers instead of once per subscriber.
 *
 * Subscribers are in one group when they sent the same operation with the same variables and see the same
 * things: the same role at the same agency (every visibility rule in access/ depends only on those, the
 * contact's own record being one of their agency's). For each event the first subscriber of a group executes
 * the selection set; the others get the same result. A dashboard branch with thousands of screens then costs
 * one execution per event, plus the send to each socket.
 */
export class SharedExecution {
  private readonly results = new Map<string, Promise<ExecutionResult>>();

  /** graphql-ws `subscribe`: the source stream as graphql-js builds it, each event executed through the cache. */
  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
    const group = (args.contextValue as Context).operationGroup;
    return mapEvents(stream, (event) => this.run(args, event, group));
  }

  private run(args: ExecutionArgs, event: unknown, group: string | undefined): Promise<ExecutionResult> | ExecutionResult {
    const id = (event as { id?: unknown } | null)?.id;
    if (!group || typeof id !== 'string') return execute({ ...args, rootValue: event });
    const key = `${group}\u0000${id}`;
    let result = this.results.get(key);
    if (!result) {
      result = Promise.resolve(execute({ ...args, rootValue: event }));
      this.results.set(key, result);
      setTimeout(() => this.results.delete(key), SHARE_MS).unref();
    }
    return result;
  }
}

/** Maps each event of `source` through `map`, passing `return` on so that the source subscription ends. */
function mapEvents<T>(
  source: AsyncIterable<unknown>,
  map: (event: unknown) => Promise<T> | T,
): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    async next() {
      const event = await iterator.next();
      return event.done ? { done: true, value: undefined } : { done: false, value: await map(event.value) };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
