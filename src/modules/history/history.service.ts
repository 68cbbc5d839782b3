import type { EntityManager } from '@mikro-orm/postgresql';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { decodeCursor, encodeCursor, pageFrom, type Page } from '../../platform/relay.js';
import { JointActivity } from '../activity/joint-activity.entity.js';
import { AgreementReview } from '../agreement/agreement-review.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { HistoryEventKind } from './history.enums.js';
import type { JointHistoryFilter } from './history.inputs.js';
import { historyUnion, type HistoryRow } from './history-sources.js';
import { FIRST_DAY, LAST_DAY, provinceDate } from '../../platform/province-time.js';
import type { JointHistoryEntry } from './history.types.js';

const CURSOR_KIND = 'history';
const CURSOR_VALUE = new RegExp(
  `^-?\\d{1,19}\\|(${Object.values(HistoryEventKind).join('|')})\\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
);
/** Microseconds of the days an entry can have (FIRST_DAY to LAST_DAY, plus a day either side). */
const DAY_MS = 86_400_000;
const MICROS_RANGE = [BigInt(Date.parse(FIRST_DAY) - DAY_MS) * 1000n, BigInt(Date.parse(LAST_DAY) + 2 * DAY_MS) * 1000n] as const;
const inRange = (value: string) => {
  const micros = BigInt(value.split('|')[0]!);
  return micros >= MICROS_RANGE[0] && micros <= MICROS_RANGE[1];
};

/** Cursor of a timeline row: its exact ordering key (microseconds, kind, id), so pages stay stable under inserts. */
function cursorOf(row: HistoryRow): string {
  return encodeCursor(CURSOR_KIND, `${row.micros}|${row.kind}|${row.id}`);
}

/**
 * The joint history: one timeline over agreement events, reviews, joint activities and alert messages, newest
 * first (ties broken by kind, then id, descending), paged with keyset cursors. Each page costs a fixed number
 * of statements whatever its size: the page, the count, and one load per kind of record on the page.
 */
export class JointHistoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
  ) {}

  /**
   * One page of the timeline the viewer may see; with `counted` false the total is not counted (`totalCount` -1).
   * @throws BAD_USER_INPUT for a malformed cursor or filter; NOT_FOUND for an unknown agency in the filter.
   */
  async page(filter: JointHistoryFilter, first: number, after?: string | null, counted = true): Promise<Page<JointHistoryEntry>> {
    const position = after ? decodeCursor(CURSOR_KIND, after, CURSOR_VALUE, inRange).split('|') : null;
    const union = await historyUnion(this.em, requireViewer(this.scope), filter);
    const connection = this.em.getConnection();
    const keyset = position ? ' where (micros::bigint, kind, id) < (?::bigint, ?::text, ?::uuid)' : '';
    const [rows, [{ count }]] = await Promise.all([
      connection.execute<HistoryRow[]>(
        `select * from (${union.sql}) as timeline${keyset} order by micros::bigint desc, kind desc, id desc limit ?`,
        [...union.bindings, ...(position ?? []), first + 1],
      ),
      counted
        ? connection.execute<{ count: string }[]>(`select count(*)::text as count from (${union.sql}) as timeline`, [...union.bindings])
        : [{ count: '-1' }],
    ]);
    const entries = await this.entriesFor(rows);
    const cursors = new Map(rows.map((row, i) => [entries[i]!, cursorOf(row)]));
    return pageFrom(entries, first, position !== null, Number(count), (entry) => cursors.get(entry)!);
  }

  /**
   * Every entry matching the filter, newest first, in batches of `batchSize` (for the CSV report): each
   * batch is one keyset page (without the count), so memory stays bounded however long the history.
   */
  async *all(filter: JointHistoryFilter, batchSize = 2000): AsyncGenerator<JointHistoryEntry[]> {
    let after: string | null = null;
    for (;;) {
      const page: Page<JointHistoryEntry> = await this.page(filter, batchSize, after, false);
      if (page.edges.length) yield page.edges.map((edge) => edge.node);
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
      this.em.clear();
    }
  }

  /** Loads the records of the rows with one query per kind of record, keeping the rows' order. */
  private async entriesFor(rows: HistoryRow[]): Promise<JointHistoryEntry[]> {
    const idsOf = (...kinds: HistoryEventKind[]) => [...new Set(rows.filter((r) => kinds.includes(r.kind)).map((r) => r.id))];
    const load = async <T extends { id: string }>(entity: new () => T, ids: string[]): Promise<Map<string, T>> =>
      new Map(ids.length ? (await this.em.find(entity, { id: { $in: ids } } as never)).map((e) => [e.id, e]) : []);
    const agreementKinds = [HistoryEventKind.AGREEMENT_SIGNED, HistoryEventKind.AGREEMENT_SUPERSEDED, HistoryEventKind.AGREEMENT_TERMINATED];
    const [agreements, reviews, activities, alerts] = await Promise.all([
      load(Agreement, idsOf(...agreementKinds)),
      load(AgreementReview, idsOf(HistoryEventKind.AGREEMENT_REVIEWED)),
      load(JointActivity, idsOf(HistoryEventKind.JOINT_ACTIVITY)),
      load(SecurityAlert, idsOf(HistoryEventKind.ALERT)),
    ]);
    return rows.map((row) => {
      const source =
        row.kind === HistoryEventKind.AGREEMENT_REVIEWED ? reviews
        : row.kind === HistoryEventKind.JOINT_ACTIVITY ? activities
        : row.kind === HistoryEventKind.ALERT ? alerts
        : agreements;
      const occurredAt = new Date(row.occurred_at);
      return { kind: row.kind, occurredAt, occurredOn: provinceDate(occurredAt), subject: source.get(row.id)! };
    });
  }
}
