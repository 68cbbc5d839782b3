import type DataLoader from 'dataloader';
import { sharedPerTurn } from '../../platform/batching.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuditedCall } from '../../platform/request-context.js';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../../platform/viewer-scope.js';
import { ErrorCode, toClientError } from '../../platform/errors.js';
import type { Logger } from '../../logger.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditOperationType, AuditOutcome } from './audit.enums.js';

/** Who did something, from where, within which request. */
export interface AuditActor {
  viewer: Viewer | null;
  clientAddress?: string;
  requestId?: string;
}

/** One operation to record. */
export interface AuditRecord {
  operation: string;
  operationType: AuditOperationType;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
}

/**
 * Writes audit entries, each in a transaction of its own, so that a refusal (whose own transaction rolled
 * back, or never began) is recorded all the same. Nothing here updates or deletes an entry.
 */
export class AuditTrail {
  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
  ) {}

  /**
   * The audit entry of one call in progress, which the operation may write inside its own transaction
   * (`recordIn`); `recorded` then says so, and the caller writes no other SUCCESS entry for it.
   */
  call(actor: AuditActor, record: AuditRecord): AuditedCall & { readonly recorded: boolean } {
    let recorded = false;
    return {
      recordIn: (tx, target, detail) => {
        const merged = { ...record, ...target, detail: record.detail || detail ? { ...record.detail, ...detail } : null };
        tx.create(AuditEntry, entryOf(actor, merged, AuditOutcome.SUCCESS, null));
        recorded = true;
      },
      get recorded() {
        return recorded;
      },
    };
  }

  /** Records a successful operation. */
  succeeded(actor: AuditActor, record: AuditRecord): Promise<void> {
    return this.write(actor, record, AuditOutcome.SUCCESS, null);
  }

  /** Records an operation that ended with `error`: REFUSED for a public error code, ERROR otherwise. */
  failed(actor: AuditActor, record: AuditRecord, error: unknown): Promise<void> {
    const code = error instanceof GraphQLError ? String(toClientError(error).extensions?.code) : ErrorCode.INTERNAL_SERVER_ERROR;
    const outcome = code === ErrorCode.INTERNAL_SERVER_ERROR ? AuditOutcome.ERROR : AuditOutcome.REFUSED;
    return this.write(actor, record, outcome, code);
  }

  private async write(actor: AuditActor, record: AuditRecord, outcome: AuditOutcome, errorCode: string | null): Promise<void> {
    try {
      await this.inserts().load(entryOf(actor, record, outcome, errorCode));
    } catch (err) {
      // The record's detail (e-mail addresses, ids a client sent) stays out of the log.
      const { detail: _detail, ...shape } = record;
      this.logger.error({ err, record: shape, outcome, requestId: actor.requestId }, 'could not write the audit entry');
    }
  }
  /**
   * Entries written in the same turn of the event loop go out together (platform/batching.ts, sharedPerTurn), in
   * one INSERT committed by itself (no unit of work, no BEGIN and COMMIT round trips): a group commit. Each caller
   * still waits for its own entry to be committed. Thousands of dashboards subscribing at once after a restart
   * thus cost a few statements, not one each.
   */
  private inserts(): DataLoader<ReturnType<typeof entryOf>, void> {
    return sharedPerTurn<ReturnType<typeof entryOf>, void>(this, 'inserts', async (entries) => {
      try {
        await this.orm.em.fork().insertMany(AuditEntry, [...entries]);
        return entries.map(() => undefined);
      } catch {
        // One entry the database refuses must not take the others with it: each is written by itself then.
        return Promise.all(entries.map((entry) => this.orm.em.fork().insert(AuditEntry, entry).then(() => undefined, (error: Error) => error)));
      }
    });
  }

}

/** An audit entry's values (the actor by id). */
function entryOf(actor: AuditActor, record: AuditRecord, outcome: AuditOutcome, errorCode: string | null) {
  return {
    at: new Date(),
    actor: actor.viewer?.contactId ?? null,
    actorRole: actor.viewer?.role ?? null,
    operation: storable(record.operation),
    operationType: record.operationType,
    targetType: record.targetType ?? null,
    targetId: record.targetId == null ? null : storable(record.targetId),
    outcome,
    errorCode,
    clientAddress: actor.clientAddress ?? null,
    requestId: actor.requestId == null ? null : storable(actor.requestId),
    detail: record.detail ? Object.fromEntries(Object.entries(record.detail).map(([k, v]) => [k, typeof v === 'string' ? storable(v) : v])) : null,
  };
}

/**
 * Text as PostgreSQL can store it: without NUL characters (which it refuses), shown as U+FFFD so the entry
 * still says that the attempt carried one.
 */
function storable(text: string): string {
  // Lone UTF-16 surrogates (which JSON columns refuse) become U+FFFD as well.
  return text.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
