import { getNamedType, getOperationAST, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { AuditTrail, AuditActor, AuditRecord } from '../modules/audit/audit-trail.js';
import { AuditOperationType } from '../modules/audit/audit.enums.js';
import type { Context } from './context.js';

/** Arguments never copied into an audit entry. */
const SECRET_ARGUMENTS = new Set(['password', 'currentPassword', 'newPassword']);
/** Longest argument value kept in an entry's detail (an e-mail address may have 254 characters). */
const MAX_DETAIL_LENGTH = 254;
/** Arguments worth keeping in an entry's detail (ids and the login name), never free text. */
const DETAIL_ARGUMENTS = new Set(['email', 'branchId', 'alertId', 'id']);

/**
 * Wraps every Mutation field's resolver and every Subscription field's `subscribe` so that each call is
 * audited with its outcome, whatever refused it (role check, validation, business rule) and whichever
 * transport carried it. Runs around type-graphql's own chain, so its refusals are seen too. A resolver may write
 * its SUCCESS entry itself, in its own transaction (`context.auditCall`); then none is written here.
 */
export function auditOperations(schema: GraphQLSchema, trail: AuditTrail): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve!;
    field.resolve = async (root, args, context: Context, info) => {
      const returned = getNamedType(info.returnType).name;
      const record = recordOf(info.fieldName, AuditOperationType.MUTATION, WRAPPED_TARGETS[returned] ?? returned, args);
      // A mutation's fields run one after another (GraphQL executes them serially), so one call at a time.
      const call = trail.call(actorOf(context), record);
      if (context) context.auditCall = call;
      try {
        const result = await resolve(root, args, context, info);
        if (!call.recorded) await trail.succeeded(actorOf(context), { ...record, ...targetOf(record.targetType, result) });
        return result;
      } catch (error) {
        await trail.failed(actorOf(context), record, error);
        throw error;
      } finally {
        if (context?.auditCall === call) delete context.auditCall;
      }
    };
  }
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const subscribe = field.subscribe!;
    field.subscribe = async (root, args, context: Context, info) => {
      const record = recordOf(info.fieldName, AuditOperationType.SUBSCRIPTION, 'Agency', args, args.branchId);
      try {
        const stream = await subscribe(root, args, context, info);
        await trail.succeeded(actorOf(context), record);
        return stream;
      } catch (error) {
        await trail.failed(actorOf(context), record, error);
        throw error;
      }
    };
  }
  return schema;
}

/**
 * Records a mutation refused before any resolver ran (the document failed validation, its variables did not
 * fit, or it named no operation it holds): one REFUSED entry per root field of the mutation, or of every
 * mutation in the document when it is unclear which one was meant. A document that does not parse names no
 * operation and is not recorded.
 */
export async function auditRefusedDocument(
  trail: AuditTrail,
  actor: AuditActor,
  document: DocumentNode | undefined,
  operationName: string | undefined | null,
  error: unknown,
): Promise<void> {
  if (!document) return;
  const chosen = getOperationAST(document, operationName);
  const candidates = chosen
    ? [chosen]
    : document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  for (const operation of candidates) {
    if (operation.operation !== 'mutation') continue;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== 'Field') continue;
      await trail.failed(actor, recordOf(selection.name.value, AuditOperationType.MUTATION, null, {}), error);
    }
  }
}

function recordOf(
  operation: string,
  operationType: AuditOperationType,
  targetType: string | null,
  args: Record<string, unknown>,
  targetId?: unknown,
): AuditRecord {
  const id = targetId ?? args.id ?? args.alertId ?? null;
  // Kept short, as `targetId` is: anyone may send an argument, and the trail keeps every entry for good.
  const detail: Record<string, string> = Object.fromEntries(
    Object.entries(args)
      .filter(([key, value]) => DETAIL_ARGUMENTS.has(key) && !SECRET_ARGUMENTS.has(key) && typeof value === 'string')
      .map(([key, value]) => [key, (value as string).slice(0, MAX_DETAIL_LENGTH)]),
  );
  // Which fields an input gave, so that an auditor can tell a disabling from a password reset or a rename:
  // names only (`active=false` for a flag), never values.
  const input = args.input;
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const changed = Object.entries(input as Record<string, unknown>).map(([key, value]) => (typeof value === 'boolean' ? `${key}=${value}` : key));
    if (changed.length) detail.fields = changed.sort().join(', ').slice(0, MAX_DETAIL_LENGTH);
  }
  return {
    operation,
    operationType,
    targetType: targetType === 'AuthPayload' ? 'Contact' : targetType,
    targetId: typeof id === 'string' ? id.slice(0, 100) : null,
    detail: Object.keys(detail).length ? detail : null,
  };
}

/** Result types that wrap the record a mutation changed, and that record's type (its `alert`). */
const WRAPPED_TARGETS: Record<string, string> = { CapImport: 'SecurityAlert' };

function targetOf(targetType: string | null | undefined, result: unknown): Pick<AuditRecord, 'targetId'> {
  const value = result as { id?: unknown; contact?: { id?: unknown }; alert?: { id?: unknown } } | null;
  const id = targetType === 'Contact' && value?.contact ? value.contact.id : (value?.alert?.id ?? value?.id);
  return typeof id === 'string' ? { targetId: id } : {};
}

/** Who is acting in `context`, for the audit trail. */
export function actorOf(context: Context | undefined): AuditActor {
  return { viewer: context?.scope.viewer ?? null, clientAddress: context?.clientAddress, requestId: context?.requestId };
}
