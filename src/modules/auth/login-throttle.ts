import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '../../platform/errors.js';

/** Limits of `LoginThrottle`: attempts tolerated within `windowSeconds`, then a block of as long. */
export interface LoginThrottleSettings {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/**
 * Slows down password guessing (OWASP: limit failed logins per account and per source). Every attempt first
 * takes a point, atomically, from the e-mail address's and the client address's counters in PostgreSQL
 * (rate-limiter-flexible), before the password is checked; a successful login gives its points back. So
 * concurrent guesses cannot slip past the limit, the limits hold across instances, and unknown accounts are
 * counted exactly like known ones.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(orm: MikroORM, settings: LoginThrottleSettings) {
    const common = {
      storeClient: orm.em.getKnex(),
      storeType: 'knex',
      tableName: 'login_throttle',
      tableCreated: true,
      duration: settings.windowSeconds,
      blockDuration: settings.windowSeconds,
    };
    this.byAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'account', points: settings.perAccount });
    this.byAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'address', points: settings.perAddress });
  }

  /**
   * Takes one attempt from the address's counter, then from the account's.
   * @throws TOO_MANY_REQUESTS (HTTP 429, with `retryAfterSeconds`) when either is used up.
   */
  async reserve(email: string, address: string): Promise<void> {
    await take(this.byAddress, address);
    await take(this.byAccount, accountKey(email));
  }

  /** An attempt that never checked a password (its token had gone stale meanwhile) gives its points back. */
  async released(email: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.reward(accountKey(email), 1), this.byAddress.reward(address, 1)]);
  }

  /** A successful login gives back its attempt: the account starts afresh, the address gets its point back. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.delete(accountKey(email)), this.byAddress.reward(address, 1)]);
  }
}

/** Takes one point of `key`, atomically. @throws TOO_MANY_REQUESTS when none is left. */
async function take(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooManyAttempts(Math.max(rejection.msBeforeNext, 1000));
    throw rejection;
  }
}

function tooManyAttempts(ms: number): AppError {
  const retryAfterSeconds = Math.ceil(ms / 1000);
  return new AppError(ErrorCode.TOO_MANY_REQUESTS, `Too many failed logins; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}

/**
 * The account's key in the throttle table (`login_throttle.key`, 255 characters with the `account:` prefix): the
 * address itself up to 200 characters, beyond that its SHA-256, so that every address an account can have
 * (up to 254 characters) fits.
 */
function accountKey(email: string): string {
  return email.length <= 200 ? email : `sha256:${createHash('sha256').update(email).digest('hex')}`;
}
