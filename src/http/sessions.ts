import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { AppDeps } from '../api/services.js';
import type { TokenViewer } from '../modules/auth/auth.service.js';

/** Close reason sent when an account changed under an open socket. */
const ACCOUNT_CHANGED = 'Unauthorized: the account changed; sign in again';

/**
 * The WebSockets open on this instance, by contact, and the credentials version each was opened with.
 *
 * A contact's sockets are closed (4401) when their account changes: at once on the bus's signal, and, in case
 * that signal was lost (Redis away), at the next check of every connected contact against the database,
 * every `checkMs`. A contact may hold at most `maxPerContact` sockets.
 */
export class Sessions {
  private readonly byContact = new Map<string, Map<WebSocket, number>>();
  private readonly timer: NodeJS.Timeout;
  private readonly changes: AsyncIterator<{ contactId: string }>;

  constructor(
    private readonly deps: AppDeps,
    private readonly maxPerContact: number,
    checkMs: number,
  ) {
    const changes = deps.bus.contactChanges()[Symbol.asyncIterator]();
    this.changes = changes;
    void (async () => {
      for (let next = await changes.next(); !next.done; next = await changes.next()) this.closeAll(next.value.contactId);
    })().catch((err) => deps.logger.error({ err }, 'stopped following account changes'));
    this.timer = setInterval(() => void this.check().catch((err) => deps.logger.warn({ err }, 'session check failed')), checkMs);
    this.timer.unref();
  }

  /** Registers `socket` for `viewer`. @returns false when the contact already holds `maxPerContact` sockets. */
  open(socket: WebSocket, viewer: TokenViewer): boolean {
    const sockets = this.byContact.get(viewer.contactId) ?? new Map<WebSocket, number>();
    if (sockets.size >= this.maxPerContact) return false;
    this.byContact.set(viewer.contactId, sockets.set(socket, viewer.tokenVersion));
    return true;
  }

  close(socket: WebSocket, contactId: string): void {
    const sockets = this.byContact.get(contactId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byContact.delete(contactId);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.changes.return?.();
  }

  /** Closes the sockets of every connected contact whose account is gone, disabled or changed since. */
  async check(): Promise<void> {
    const ids = [...this.byContact.keys()];
    if (ids.length === 0) return;
    const rows = await this.deps.orm.em
      .getConnection()
      .execute<{ id: string; token_version: number; active: boolean }[]>(
        'select id, token_version, active from contact where id in (?)',
        [ids],
      );
    const current = new Map(rows.map((row) => [row.id, row]));
    for (const [contactId, sockets] of this.byContact) {
      const row = current.get(contactId);
      for (const [socket, version] of sockets) {
        if (!row || !row.active || row.token_version !== version) socket.close(CloseCode.Unauthorized, ACCOUNT_CHANGED);
      }
    }
  }

  private closeAll(contactId: string): void {
    for (const socket of this.byContact.get(contactId)?.keys() ?? []) socket.close(CloseCode.Unauthorized, ACCOUNT_CHANGED);
  }
}
