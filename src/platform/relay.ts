import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from './errors.js';

/** Relay cursor connections: https://relay.dev/graphql/connections.htm */
@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'True when more edges follow the last one returned.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when edges precede the first one returned (i.e. `after` was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge, null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

/** Forward pagination arguments of every connection. */
@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}. Default 20.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Return edges after this cursor (from `pageInfo.endCursor`).' })
  after?: string | null;
}

/** One edge and one connection type per node type, e.g. `SecurityAlertEdge` and `SecurityAlertConnection`. */
export function connectionOf<TNode extends object>(nodeType: ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge.' })
    cursor!: string;

    @Field(() => nodeType)
    node!: TNode;
  }

  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of nodes matching the filter, over all pages.' })
    totalCount!: number;
  }
  return Connection;
}

/** The page a connection resolver hands back: nodes in order, one cursor each, and the totals. */
export interface Page<TNode> {
  edges: { cursor: string; node: TNode }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Builds a page from up to `first + 1` fetched rows: the extra row only tells that a next page exists.
 */
export function pageFrom<TNode>(
  rows: TNode[],
  first: number,
  hadCursor: boolean,
  totalCount: number,
  cursorOf: (node: TNode) => string,
): Page<TNode> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Opaque cursor for a position `value` in an ordering called `kind`: base64url of `kind:value`. */
export function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by `encodeCursor(kind, …)` and checks its value against `pattern` and `inRange`.
 * @throws BAD_USER_INPUT naming the `after` argument when the cursor is malformed or of another connection.
 */
export function decodeCursor(
  kind: string,
  cursor: string,
  pattern: RegExp,
  inRange: (value: string) => boolean = () => true,
): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${kind}:`;
  const value = text.startsWith(prefix) ? text.slice(prefix.length) : '';
  if (!pattern.test(value) || !inRange(value)) {
    throw badUserInput(`Invalid cursor "${cursor}"`, [{ field: 'after', message: 'not a cursor of this list' }]);
  }
  return value;
}

/** Largest PostgreSQL bigint: the range of sequence numbers and of their cursors. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** True when `value` is a decimal of at most 19 digits within PostgreSQL's bigint range (a sequence number). */
export function isBigintText(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}

/** Cursors over a bigint ordering (delivery sequence, audit entry id) called `kind`. */
export function bigintCursors(kind: string) {
  return {
    encode: (value: string) => encodeCursor(kind, value),
    /** @throws BAD_USER_INPUT for a malformed cursor, one of another list, or one out of bigint range. */
    decode: (cursor: string) => decodeCursor(kind, cursor, /^\d{1,19}$/, isBigintText),
  };
}
