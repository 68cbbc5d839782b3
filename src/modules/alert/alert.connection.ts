import { ObjectType } from 'type-graphql';
import { bigintCursors, connectionOf } from '../../platform/relay.js';
import { SecurityAlert } from './security-alert.entity.js';

/** Relay connection of alerts, newest (highest delivery sequence) first. */
@ObjectType({ description: 'Alerts, newest (highest delivery sequence) first.' })
export class SecurityAlertConnection extends connectionOf(SecurityAlert, 'SecurityAlert') {}

const cursors = bigintCursors('alert-seq');

/** Cursor of an alert in the `alerts` connection: its delivery sequence number, opaque to clients. */
export function alertCursor(alert: SecurityAlert): string {
  return cursors.encode(alert.deliverySeq);
}

/** The delivery sequence number inside an `alerts` cursor. @throws BAD_USER_INPUT when malformed. */
export function seqFromAlertCursor(cursor: string): string {
  return cursors.decode(cursor);
}
