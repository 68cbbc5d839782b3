import type { AuditFilterInput } from '../../api/operations-audit.js';
import { OPERATION_TYPES, OUTCOMES, type OperationType, type Outcome } from './operations.js';

/**
 * The audit filter as the page shows it and as its address carries it (`/audit?outcome=REFUSED&targetId=…`), so
 * that other pages can link to the history of a record: every value a string, '' for "any".
 */
export interface Chosen {
  /** First day, `YYYY-MM-DD`, in province time. */
  from: string;
  /** Last day (included), `YYYY-MM-DD`, in province time. */
  to: string;
  actorId: string;
  operation: string;
  operationType: OperationType | '';
  outcome: Outcome | '';
  targetType: string;
  targetId: string;
}

export const NOTHING_CHOSEN: Chosen = { from: '', to: '', actorId: '', operation: '', operationType: '', outcome: '', targetType: '', targetId: '' };

const KEYS = Object.keys(NOTHING_CHOSEN) as (keyof Chosen)[];

/** Longest value taken from the address (the API stores operation names and target ids of up to 100 characters). */
const MAX_LENGTH = 100;

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * The instant day `day` begins in the province (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving):
 * `2025-03-01` → `2025-02-28T17:00:00.000Z`.
 */
export function provinceDayStart(day: string): string {
  return new Date(`${day}T00:00:00+07:00`).toISOString();
}

/** The instant the day after `day` begins in the province: the (excluded) end of `day`. */
export function provinceDayEnd(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + 24 * 3600_000).toISOString();
}

/** The filter carried by the address' query; unknown or malformed values are left out. */
export function chosenFromQuery(query: URLSearchParams): Chosen {
  const text = (key: keyof Chosen) => (query.get(key) ?? '').trim().slice(0, MAX_LENGTH);
  const day = (key: 'from' | 'to') => (isDay(text(key)) ? text(key) : '');
  const operationType = text('operationType');
  const outcome = text('outcome');
  return {
    from: day('from'),
    to: day('to'),
    actorId: text('actorId'),
    operation: text('operation'),
    operationType: (OPERATION_TYPES as readonly string[]).includes(operationType) ? (operationType as OperationType) : '',
    outcome: (OUTCOMES as readonly string[]).includes(outcome) ? (outcome as Outcome) : '',
    targetType: text('targetType'),
    targetId: text('targetId'),
  };
}

/** The query string of `chosen` (empty values left out), in a fixed order. */
export function queryOf(chosen: Chosen): string {
  const query = new URLSearchParams();
  for (const key of KEYS) if (chosen[key].trim()) query.set(key, chosen[key].trim());
  return query.toString();
}

/** Whether the period is in order (the last day not before the first). */
export function periodInOrder(chosen: Chosen): boolean {
  return !chosen.from || !chosen.to || chosen.from <= chosen.to;
}

/** The API's AuditFilter of `chosen`: days become the instants they begin and end in the province. */
export function filterOf(chosen: Chosen): AuditFilterInput {
  const filter: AuditFilterInput = {};
  if (chosen.from) filter.from = provinceDayStart(chosen.from);
  if (chosen.to) filter.to = provinceDayEnd(chosen.to);
  if (chosen.actorId) filter.actorId = chosen.actorId;
  if (chosen.operation) filter.operation = chosen.operation;
  if (chosen.operationType) filter.operationType = chosen.operationType;
  if (chosen.outcome) filter.outcome = chosen.outcome;
  if (chosen.targetType) filter.targetType = chosen.targetType;
  if (chosen.targetId) filter.targetId = chosen.targetId;
  return filter;
}
