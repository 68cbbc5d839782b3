import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type express from 'express';
import { z } from 'zod';
import { badUserInput } from '../platform/errors.js';
import type { AppDeps } from '../api/services.js';
import { JointActivityKind } from '../modules/activity/joint-activity.enums.js';
import { HistoryEventKind } from '../modules/history/history.enums.js';
import { CSV_COLUMNS, csvRows } from '../modules/history/history-csv.js';
import type { JointHistoryFilter } from '../modules/history/history.inputs.js';
import { ID_PATTERN } from '../platform/ids.js';
import { authenticatedRoute } from './authenticated-route.js';

/** A calendar day `YYYY-MM-DD` that exists (2021-02-30 does not). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD').refine((d) => {
  const time = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
}, 'not a calendar day');
const many = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined ? undefined : [v].flat()), z.array(item).max(50).optional());

/** Query parameters of the report. */
const reportQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  agencyId: many(z.string().regex(ID_PATTERN, 'an agency id (a lower-case UUID)')),
  kind: many(z.enum(Object.values(HistoryEventKind) as [HistoryEventKind, ...HistoryEventKind[]])),
  activityKind: many(z.enum(Object.values(JointActivityKind) as [JointActivityKind, ...JointActivityKind[]])),
}).strict();

/**
 * `GET /reports/joint-history.csv?from=YYYY-MM-DD&to=YYYY-MM-DD&agencyId=…&kind=…&activityKind=…` (the last
 * three may repeat): the joint history the viewer may see, newest first, as CSV (RFC 4180, UTF-8 with a byte-order
 * mark so that spreadsheet programs read Vietnamese text right, a header row of `CSV_COLUMNS`). Authenticated
 * like GraphQL. Streamed in keyset batches of 2,000 entries, so memory does not grow with the history.
 * 400 for unknown or malformed parameters, 401 without a valid token, 404 for an unknown agency.
 */
export function jointHistoryCsvRoute(deps: AppDeps): express.RequestHandler {
  return authenticatedRoute(deps, async (req, res, { services }) => {
    const parsed = reportQuery.safeParse(req.query);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.') || String((i as { keys?: string[] }).keys ?? 'query'), message: i.message }));
      throw badUserInput(`Invalid report parameters: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
    }
    const { from, to, agencyId, kind, activityKind } = parsed.data;
    const filter: JointHistoryFilter = { from, to, agencyIds: agencyId, kinds: kind, activityKinds: activityKind };
    const batches = services.history.all(filter);
    // The first batch is read before anything is sent, so that a bad filter still answers 400 or 404.
    const first = await batches.next();
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="joint-history.csv"');
    res.setHeader('cache-control', 'private, no-store');
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS], bom: true });
    csv.pipe(res);
    // Waits for the CSV stream to take more, or for the client to go away (then nothing more is read).
    const drained = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          csv.off('drain', done);
          res.off('close', done);
          resolve();
        };
        csv.once('drain', done);
        res.once('close', done);
      });
    const write = async (entries: Parameters<typeof csvRows>[1]) => {
      const visibleAgreements = async (ids: string[]) =>
        (await Promise.all(ids.map((id) => services.agreements.findVisible(id)))).filter((a) => a !== null);
      for (const row of await csvRows(deps.orm.em.fork(), entries, visibleAgreements)) {
        if (res.destroyed) return;
        if (!csv.write(row)) await drained();
      }
    };
    if (!first.done) await write(first.value);
    for await (const entries of batches) {
      if (res.destroyed) return;
      await write(entries);
    }
    csv.end();
    if (!res.writableFinished && !res.destroyed) await Promise.race([once(res, 'finish'), once(res, 'close')]);
  });
}
