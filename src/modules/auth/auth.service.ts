import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/context.js';
import { AppError, badUserInput, ErrorCode, unauthenticated } from '../../graphql/errors.js';
import { isUuid } from '../../graphql/ids.js';
import { Contact } from '../contact/contact.entity.js';
import { verifyPassword } from './password.js';
import { bearerToken, issueToken, TokenRejected, verifyToken, type IssuedToken, type TokenSettings } from './token.js';

/** What a successful login returns. */
export interface LoginResult extends IssuedToken {
  contact: Contact;
}

/** The same answer for an unknown account, a wrong password, a disabled account or one with no role. */
const LOGIN_REFUSED = 'Invalid email or password';

/** Login and token checks. */
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: TokenSettings,
  ) {}

  /**
   * Checks an e-mail (case-insensitive) and password against the contact's argon2id hash and issues a token.
   * @throws BAD_USER_INPUT for an empty e-mail or password; UNAUTHENTICATED otherwise, with one message that
   *   does not tell whether the account exists.
   */
  async login(email: string, password: string): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    if (!normalized || !password) {
      throw badUserInput('E-mail and password are required', [
        ...(normalized ? [] : [{ field: 'email', message: 'must not be empty' }]),
        ...(password ? [] : [{ field: 'password', message: 'must not be empty' }]),
      ]);
    }
    const contact = await this.em.findOne(Contact, { email: normalized }, { populate: ['passwordHash'] });
    const matches = await verifyPassword(contact?.passwordHash, password);
    if (!contact || !matches || !contact.active || !contact.role) throw unauthenticated(LOGIN_REFUSED);
    return { ...(await issueToken(contact.id, this.tokens)), contact };
  }

  /**
   * The viewer behind an `Authorization` value: null when none was sent.
   * @throws UNAUTHENTICATED when a token was sent but is malformed, forged, expired, or its contact is
   *   unknown, disabled or has no role.
   */
  async viewerFor(authorization: unknown): Promise<(Viewer & { tokenExpiresAt: number }) | null> {
    let claims: { contactId: string; exp: number };
    try {
      const token = bearerToken(authorization);
      if (!token) return null;
      claims = await verifyToken(token, this.tokens);
    } catch (error) {
      if (error instanceof TokenRejected) throw tokenRefused(error.message);
      throw error;
    }
    const contact = isUuid(claims.contactId)
      ? await this.em.findOne(Contact, { id: claims.contactId }, { disableIdentityMap: true })
      : null;
    if (!contact || !contact.active || !contact.role || !contact.email) {
      throw tokenRefused('the account is disabled or no longer exists');
    }
    return {
      contactId: contact.id,
      role: contact.role,
      agencyId: contact.agency.id,
      email: contact.email,
      tokenExpiresAt: claims.exp,
    };
  }
}

/** UNAUTHENTICATED for a refused token; over HTTP the answer's status is 401. */
function tokenRefused(reason: string) {
  return new AppError(ErrorCode.UNAUTHENTICATED, `Invalid token: ${reason}`, { http: { status: 401 } });
}
