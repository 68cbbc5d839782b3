import { ObjectType } from 'type-graphql';
import { connectionOf, decodeCursor, encodeCursor } from '../../graphql/relay.js';
import { SecurityAlert } from './security-alert.entity.js';

/** Relay connection of alerts, newest (highest delivery sequence) first. */
@ObjectType({ description: 'Alerts, newest (highest delivery sequence) first.' })
export class SecurityAlertConnection extends connectionOf(SecurityAlert, 'SecurityAlert') {}

const CURSOR_KIND = 'alert-seq';

/** Cursor of an alert in the `alerts` connection: its delivery sequence number, opaque to clients. */
export function alertCursor(alert: SecurityAlert): string {
  return encodeCursor(CURSOR_KIND, alert.deliverySeq);
}

/** The delivery sequence number inside an `alerts` cursor. @throws BAD_USER_INPUT when malformed. */
export function seqFromAlertCursor(cursor: string): string {
  return decodeCursor(CURSOR_KIND, cursor, /^\d{1,19}$/, (seq) => BigInt(seq) <= MAX_BIGINT);
}

/** Largest PostgreSQL bigint. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;
