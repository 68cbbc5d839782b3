import type { Logger } from '../logger.js';

/** How often a summary is logged while Redis stays away. */
const SUMMARY_MS = 60_000;

/**
 * Whether the bus reaches Redis, and the log of it: one warning when Redis goes away, a summary every minute
 * while it stays away (how many problems and failed commands), one line when it is back, instead of a line per
 * failed publish. Redis is back when a connection is ready again or a command succeeds.
 */
export class RedisHealth {
  private up = true;
  private since = Date.now();
  private problems = 0;
  private failedCommands = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly logger: Logger) {}

  /** True while Redis answers (or no Redis is used). */
  get connected(): boolean {
    return this.up;
  }

  /** A connection error or a failed command; the first one while up marks Redis as away. */
  problem(err: Error, command?: string): void {
    if (command) this.failedCommands++;
    else this.problems++;
    if (!this.up) return;
    this.up = false;
    this.since = Date.now();
    this.logger.warn(
      { err: err.message, command },
      'redis unavailable: signals are not shared between instances; subscribers catch up from the database by poll',
    );
    this.timer = setInterval(() => this.summary('redis still unavailable'), SUMMARY_MS);
    this.timer.unref();
  }

  /** The connection is ready again. */
  ready(): void {
    if (this.up) return;
    // At the level of the warning it ends, so that whoever saw the one sees the other.
    this.summary('redis available again');
    this.up = true;
    clearInterval(this.timer);
  }

  /** Stops the summaries. */
  stop(): void {
    clearInterval(this.timer);
  }

  private summary(message: string): void {
    this.logger.warn(
      { awayForSeconds: Math.round((Date.now() - this.since) / 1000), connectionProblems: this.problems, failedCommands: this.failedCommands },
      message,
    );
    this.problems = 0;
    this.failedCommands = 0;
  }
}
