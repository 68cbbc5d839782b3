import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '../../graphql/errors.js';

/** Limits of `LoginThrottle`: failures tolerated within `windowSeconds`, then a block of as long. */
export interface LoginThrottleSettings {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/**
 * Slows down password guessing (OWASP: limit failed logins per account and per source): failed logins are
 * counted per e-mail address and per client address in PostgreSQL (rate-limiter-flexible), so the limits hold
 * across instances. Past either limit, logins from there are refused, whether or not the account exists.
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

  /** @throws TOO_MANY_REQUESTS (HTTP 429, with `retryAfterSeconds`) while the account or the address is blocked. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const [account, source] = await Promise.all([this.byAccount.get(email), this.byAddress.get(address)]);
    const blockedMs = Math.max(blockedFor(account, this.byAccount.points), blockedFor(source, this.byAddress.points));
    if (blockedMs > 0) throw tooManyAttempts(blockedMs);
  }

  /** Counts a failed login against the account and the address. */
  async failed(email: string, address: string): Promise<void> {
    await Promise.all([penalise(this.byAccount, email), penalise(this.byAddress, address)]);
  }

  /** A successful login clears the account's count (not the address's). */
  async succeeded(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }
}

function blockedFor(state: RateLimiterRes | null, limit: number): number {
  return state && state.consumedPoints >= limit ? state.msBeforeNext : 0;
}

async function penalise(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    // Past the limit consume() rejects with the new state; the block is recorded, nothing else to do.
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  }
}

function tooManyAttempts(ms: number): AppError {
  const retryAfterSeconds = Math.ceil(ms / 1000);
  return new AppError(
    ErrorCode.TOO_MANY_REQUESTS,
    `Too many failed logins; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  );
}
