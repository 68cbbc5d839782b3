import { createSourceEventStream, execute, locatedError, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import { map } from '@graphql-yoga/subscription';
import { MessageType } from 'graphql-ws';
import type { Context } from '../api/context.js';
import { BranchSubscription, type Payload } from '../realtime/delivery-hub.js';

/** How long a result is kept for the other subscribers of the same group. */
const SHARE_MS = 5_000;
/** Group numbers remembered at most (then forgotten all at once; live subscriptions keep theirs). */
const MAX_GROUPS = 10_000;

/**
 * Executes subscription events once per group of identical subscribers instead of once per subscriber, and
 * for branch deliveries also serialises the result once per group.
 *
 * Subscribers are in one group when they sent the same operation with the same variables and see the same
 * things: the same role at the same agency (every visibility rule in access/ depends only on those, the
 * contact's own record being one of their agency's). For each event the first subscriber of a group executes
 * the selection set, the errors are mapped for the client (`format`) and the payload is turned into JSON;
 * every subscriber of the group then gets the same text, wrapped in its own graphql-ws `next` message
 * (`{"id":…,"type":"next","payload":…}`, the protocol's message shape) and sent on its socket. A branch with
 * thousands of dashboards thus costs one execution and one serialisation per event, plus one send per socket.
 * The iterator handed back to graphql-ws yields nothing and ends when the subscription does.
 */
export class SharedExecution {
  /** Payloads by event id, then by group number. */
  private readonly payloads = new Map<string, Map<number, Payload>>();
  /** Group texts (operation, variables, role, agency) to small numbers, so that a lookup hashes no long text. */
  private readonly groups = new Map<string, { number: number; text: string }>();
  /** Next group number; never reused, so that a forgotten group's cached payloads cannot be mistaken for another's. */
  private nextGroup = 0;

  constructor(private readonly format: (result: ExecutionResult) => FormattedExecutionResult) {}

  /** graphql-ws `subscribe`: the source stream as graphql-js builds it, each event executed through the cache. */
  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    let stream: Awaited<ReturnType<typeof createSourceEventStream>>;
    try {
      stream = await createSourceEventStream(args);
    } catch (error) {
      // graphql-js reports what it can as a result; what it throws (a document it did not expect) ends this
      // operation only, never the socket: logged, and sent as INTERNAL_SERVER_ERROR through `format`.
      return { errors: [locatedError(error, undefined)] };
    }
    const context = args.contextValue as Context;
    context.release?.();
    if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
    const { operationGroup: group, delivery } = context;
    if (stream instanceof BranchSubscription && group && delivery) {
      const prefix = `{"id":${JSON.stringify(delivery.operationId)},"type":"${MessageType.Next}","payload":`;
      let known = this.groups.get(group);
      if (known === undefined) {
        if (this.groups.size >= MAX_GROUPS) this.groups.clear();
        known = { number: this.nextGroup++, text: group };
        this.groups.set(group, known);
      }
      // The subscription keeps the group's one copy of the text, not its own (thousands of dashboards share it).
      context.operationGroup = known.text;
      const { number } = known;
      stream.sendWith((alert) => this.payload(args, alert, number), (payload) => delivery.send(`${prefix}${payload}}`));
      return stream as AsyncIterableIterator<ExecutionResult>;
    }
    return map((event: unknown) => execute({ ...args, rootValue: event }))(stream) as AsyncIterableIterator<ExecutionResult>;
  }

  /** The JSON payload of `event` for `group`: executed, formatted and serialised once, then shared. */
  private payload(args: ExecutionArgs, event: { id: string }, group: number): Payload {
    let byGroup = this.payloads.get(event.id);
    if (!byGroup) {
      byGroup = new Map();
      this.payloads.set(event.id, byGroup);
      setTimeout(() => this.payloads.delete(event.id), SHARE_MS).unref();
    }
    let payload = byGroup.get(group);
    if (payload === undefined) {
      const result = execute({ ...args, rootValue: event });
      const serialise = (settled: ExecutionResult) => JSON.stringify(this.format(settled));
      const groupPayloads = byGroup;
      payload = result instanceof Promise ? pending(result.then(serialise), (text) => groupPayloads.set(group, text)) : serialise(result);
      byGroup.set(group, payload);
    }
    return payload;
  }
}

/** A payload being computed: every subscriber waiting on it is called back in one go, then `settled` runs. */
function pending(text: Promise<string>, settled: (text: string) => void): Payload {
  const waiters: [(text: string) => void, (error: unknown) => void][] = [];
  let outcome: { text: string } | { error: unknown } | undefined;
  text.then(
    (value) => {
      outcome = { text: value };
      settled(value);
      for (const [ready] of waiters.splice(0)) ready(value);
    },
    (error: unknown) => {
      outcome = { error };
      for (const [, failed] of waiters.splice(0)) failed(error);
    },
  );
  return {
    onReady(ready, failed) {
      if (!outcome) waiters.push([ready, failed]);
      else if ('text' in outcome) ready(outcome.text);
      else failed(outcome.error);
    },
  };
}
