import type DataLoader from 'dataloader';
import { sharedPerTurn } from '../../platform/batching.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../platform/viewer-scope.js';
import type { Signals } from '../../platform/live.js';
import { inTransaction } from '../../platform/transaction.js';
import { AppError, badUserInput, ErrorCode, unauthenticated } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { metrics } from '../../platform/metrics.js';
import type { ContactRole } from '../../platform/contact-role.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from '../../platform/password.js';
import { bearerToken, TokenRejected, type IssuedToken, type Tokens } from './token.js';

/**
 * A viewer together with the expiry of the token that identified it (seconds since the epoch) and the
 * contact's credentials version when it was checked.
 */
export type TokenViewer = Viewer & { tokenExpiresAt: number; tokenVersion: number };

/** What a successful login returns: the token, the contact and the viewer it now stands for. */
export interface LoginResult extends IssuedToken {
  contact: Contact;
  viewer: TokenViewer;
}

/** Longest e-mail address an account can have (RFC 5321 §4.5.3.1.3: a path holds at most 254 characters). */
export const MAX_EMAIL_LENGTH = 254;

/** The same answer for an unknown account, a wrong password, a disabled account or one with no role. */
const LOGIN_REFUSED = 'Invalid email or password';

/** Login, token checks and the signed-in contact's own password. */
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: Tokens,
    private readonly throttle: LoginThrottle,
    private readonly signals: Signals,
  ) {}

  /**
   * Checks an e-mail (case-insensitive) and password against the contact's argon2id hash and issues a token.
   * Every attempt counts towards the per-account and per-address limits of LoginThrottle; a success is given back.
   * @throws BAD_USER_INPUT for an empty e-mail or password, or an e-mail over 254 characters (no attempt spent); TOO_MANY_REQUESTS while blocked; UNAUTHENTICATED
   *   otherwise, with one message that does not tell whether the account exists.
   */
  async login(email: string, password: string, clientAddress: string): Promise<LoginResult> {
    try {
      return await this.checkLogin(email, password, clientAddress);
    } catch (error) {
      const code = error instanceof AppError ? error.extensions.code : null;
      const reason = code === ErrorCode.BAD_USER_INPUT ? 'bad_input' : code === ErrorCode.TOO_MANY_REQUESTS ? 'throttled' : code === ErrorCode.UNAUTHENTICATED ? 'credentials' : null;
      if (reason) metrics.loginsRefused.inc({ reason });
      throw error;
    }
  }

  private async checkLogin(email: string, password: string, clientAddress: string): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    if (!normalized || !password) {
      throw badUserInput('E-mail and password are required', [
        ...(normalized ? [] : [{ field: 'email', message: 'must not be empty' }]),
        ...(password ? [] : [{ field: 'password', message: 'must not be empty' }]),
      ]);
    }
    // No account has a longer address (RFC 5321 caps a path at 254 characters, as createContact checks): refused
    // before the throttle, so that such a request spends no attempt and its key fits the throttle's table.
    if (normalized.length > MAX_EMAIL_LENGTH) {
      throw badUserInput(`email: at most ${MAX_EMAIL_LENGTH} characters`, [{ field: 'email', message: `must be at most ${MAX_EMAIL_LENGTH} characters` }]);
    }
    await this.throttle.reserve(normalized, clientAddress);
    const contact = await this.em.findOne(Contact, { email: normalized }, { populate: ['passwordHash', 'agency'] });
    const matches = await verifyPassword(contact?.passwordHash, password);
    if (!contact || !matches || !contact.active || contact.archivedAt || !contact.role) throw unauthenticated(LOGIN_REFUSED);
    await this.throttle.succeeded(normalized, clientAddress);
    const issued = await this.tokens.issue(contact.id, contact.tokenVersion);
    return { ...issued, contact, viewer: viewerOf(contact, Math.floor(issued.expiresAt.getTime() / 1000)) };
  }

  /**
   * Changes the signed-in contact's own password and issues a new token. The current password is checked like a
   * login's: the attempt first takes a point from the account's and the client address's counters of
   * LoginThrottle (the same ones `login` uses), a right password gives it back. On success the credentials
   * version is raised, so every earlier token of the account stops working and its open WebSockets close (4401),
   * as when a coordinator changes the password; the token returned carries the new version.
   * @throws TOO_MANY_REQUESTS while the account or the address is blocked; BAD_USER_INPUT naming `currentPassword`
   *   when it is wrong (the attempt stays counted), or `newPassword` when it is the current one; UNAUTHENTICATED
   *   when the account was disabled, archived or lost its role meanwhile, or another change committed after this
   *   request's token was checked (not counted: no password was checked).
   */
  async changePassword(viewer: Viewer, currentPassword: string, newPassword: string, clientAddress: string): Promise<LoginResult> {
    await this.throttle.reserve(viewer.email, clientAddress);
    // What the attempt counts for the throttle, settled after the transaction: the throttle writes on a connection
    // of its own, which must not be awaited while this transaction holds the account's row.
    let settle: 'succeeded' | 'released' | null = null;
    let contact: Contact;
    try {
      contact = await inTransaction(this.em, async (tx) => {
        // Locked and read afresh, so that two changes (or a coordinator's) are applied one after the other and the
        // current password is checked against the hash in force. FOR NO KEY UPDATE, the lock an UPDATE of these
        // columns takes anyway: rows that reference the account (sightings, audit entries) can still be written.
        await tx.execute('select 1 from contact where id = ? for no key update', [viewer.contactId]);
        const locked = await tx.findOne(Contact, { id: viewer.contactId }, { refresh: true, populate: ['passwordHash'] });
        if (!locked || !locked.active || locked.archivedAt || !locked.role || !locked.email) {
          throw tokenRefused('the account is disabled or no longer exists');
        }
        // Another change committed after this request was authenticated (a double submit, two tabs): its token
        // is no longer good, and its current password was not checked, so the attempt is not counted.
        const tokenVersion = (viewer as Partial<TokenViewer>).tokenVersion;
        if (tokenVersion !== undefined && tokenVersion !== locked.tokenVersion) {
          settle = 'released';
          throw tokenRefused('the account changed since the token was issued; sign in again');
        }
        if (!(await verifyPassword(locked.passwordHash, currentPassword))) {
          throw badUserInput('The current password is not correct', [{ field: 'currentPassword', message: 'is not correct' }]);
        }
        settle = 'succeeded';
        if (newPassword === currentPassword) {
          throw badUserInput('The new password is the current one', [{ field: 'newPassword', message: 'must differ from the current password' }]);
        }
        locked.passwordHash = await hashPassword(newPassword);
        locked.tokenVersion += 1;
        await tx.populate(locked, ['agency']);
        return locked;
      });
    } finally {
      if (settle === 'succeeded') await this.throttle.succeeded(viewer.email, clientAddress);
      if (settle === 'released') await this.throttle.released(viewer.email, clientAddress);
    }
    this.signals.contactChanged(contact.id);
    const issued = await this.tokens.issue(contact.id, contact.tokenVersion);
    return { ...issued, contact, viewer: viewerOf(contact, Math.floor(issued.expiresAt.getTime() / 1000)) };
  }

  /**
   * The viewer behind an `Authorization` value: null when none was sent.
   * @throws UNAUTHENTICATED (HTTP 401) when a token was sent but is malformed, forged, expired, or names a
   *   contact that is unknown, disabled or has no role.
   */
  async viewerFor(authorization: unknown): Promise<TokenViewer | null> {
    let claims;
    try {
      const token = bearerToken(authorization);
      if (!token) return null;
      claims = await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof TokenRejected) throw tokenRefused(error.message);
      throw error;
    }
    // One plain query (every authenticated request makes it, shared with the others of the same turn): the
    // contact's credentials and its agency's path.
    const byId = !!claims.contactId && isUuid(claims.contactId);
    if (!byId && !claims.email) throw tokenRefused('the account is disabled or no longer exists');
    const row = byId
      ? await viewerReadsOf(this.em).load(claims.contactId!)
      : (await this.em.getConnection().execute<ViewerRow[]>(`${VIEWER_SQL} where c.email = ?`, [claims.email!]))[0];
    // An archived account is disabled too, whatever its active flag says (archiving and enabling may race).
    if (!row || !row.active || row.archived_at || !row.role || !row.email) {
      throw tokenRefused('the account is disabled or no longer exists');
    }
    if (claims.version !== undefined && claims.version !== row.token_version) {
      throw tokenRefused('the account changed since the token was issued; sign in again');
    }
    return {
      contactId: row.id,
      role: row.role,
      agencyId: row.agency_id,
      agencyLineage: Agency.lineageOf(row.path),
      email: row.email,
      tokenExpiresAt: claims.exp,
      tokenVersion: row.token_version,
    };
  }
}

/** What `viewerFor` reads of a contact, to which a condition is added. */
const VIEWER_SQL = `select c.id, c.role, c.email, c.active, c.archived_at, c.token_version, c.agency_id, a.path
  from contact c join agency a on a.id = c.agency_id`;

/**
 * Viewer rows by contact id, read with the other requests and sockets of the same turn of the event loop in one
 * statement (platform/batching.ts, sharedPerTurn). `id` must be a UUID.
 */
function viewerReadsOf(em: EntityManager): DataLoader<string, ViewerRow | undefined> {
  const connection = em.getConnection();
  return sharedPerTurn<string, ViewerRow | undefined>(connection, 'viewer', async (ids) => {
    const rows = await connection.execute<ViewerRow[]>(`${VIEWER_SQL} where c.id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  });
}

/** The columns `viewerFor` reads: a contact and its agency's path (`/<root id>/…/<agency id>/`). */
interface ViewerRow {
  id: string;
  role: ContactRole | null;
  email: string | null;
  active: boolean;
  archived_at: Date | null;
  token_version: number;
  agency_id: string;
  path: string;
}

function viewerOf(contact: Contact, tokenExpiresAt: number): TokenViewer {
  return {
    contactId: contact.id,
    role: contact.role!,
    agencyId: contact.agency.id,
    agencyLineage: contact.agency.getEntity().lineage(),
    email: contact.email!,
    tokenExpiresAt,
    tokenVersion: contact.tokenVersion,
  };
}

/** UNAUTHENTICATED for a refused token; over HTTP the answer's status is 401. */
function tokenRefused(reason: string): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, `Invalid token: ${reason}`, { http: { status: 401 } });
}
