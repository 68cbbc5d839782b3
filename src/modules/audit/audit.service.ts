import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { ObjectType } from 'type-graphql';
import { bigintCursors, connectionOf, pageFrom, type Page } from '../../graphql/relay.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditFilter } from './audit.inputs.js';

/** Relay connection of audit entries, newest first. */
@ObjectType({ description: 'Audit entries, newest first.' })
export class AuditEntryConnection extends connectionOf(AuditEntry, 'AuditEntry') {}

const cursors = bigintCursors('audit');

/** Reads the audit trail (AUDITOR and COORDINATOR; the resolver checks the role). */
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** One page of entries matching `filter`, newest first. @throws BAD_USER_INPUT for a malformed cursor. */
  async list(filter: AuditFilter, first: number, after?: string | null): Promise<Page<AuditEntry>> {
    const where: ObjectQuery<AuditEntry> = {
      ...(filter.actorId ? { actor: filter.actorId } : {}),
      ...(filter.operation ? { operation: filter.operation } : {}),
      ...(filter.operationType ? { operationType: filter.operationType } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.targetType ? { targetType: filter.targetType } : {}),
      ...(filter.targetId ? { targetId: filter.targetId } : {}),
      ...(filter.from || filter.to
        ? { at: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) } }
        : {}),
    };
    const afterId = after ? cursors.decode(after) : null;
    const [rows, totalCount] = await Promise.all([
      this.em.find(AuditEntry, afterId ? { $and: [where, { id: { $lt: afterId } }] } : where, {
        orderBy: { id: 'desc' },
        limit: first + 1,
      }),
      this.em.count(AuditEntry, where),
    ]);
    return pageFrom(rows, first, afterId !== null, totalCount, (entry) => cursors.encode(entry.id));
  }
}
