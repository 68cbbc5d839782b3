import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { validate, type ValidationError } from 'class-validator';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { badUserInput, fieldProblems, type FieldProblem } from '../../platform/errors.js';
import { itemsOf, loadedOr } from '../../platform/references.js';
import { visibleAlertsWhere } from '../access/alert-visibility.js';
import { Agency } from '../agency/agency.entity.js';
import { SuspicionReason, type TlpLabel } from '../alert/alert.enums.js';
import { PostAlertInput, SuspiciousShipmentInput, UpdateAlertInput } from '../alert/alert.inputs.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import type { AlertService, CapSource } from '../alert/alert.service.js';
import { checkCapDocument, parseCapAlert, type ParsedCapAlert, type ParsedInfo, type ParsedReference } from './cap-document.js';
import { capAlertXml, type CapReference } from './cap-export.js';
import {
  AGENCY_CODE_GEOCODE, CAP_CATEGORY, CAP_PARAMETER, CAP_SENDER_DOMAIN, SHIPMENT_FIELDS, SUSPICION_REASONS, TLP_TEXT,
  capSender, reverse,
} from './cap-vocabulary.js';

/**
 * Alert message `alert` as a CAP 1.2 XML document (cap-export.ts). Its issuing agency, targets and referenced
 * earlier message are loaded through the request's batcher over `em` (platform/batching.ts), so that a list of
 * alerts costs a few batched statements in all, not some per alert.
 *
 * The `references` entry names the previous version (sender, identifier, sent) even when the viewer may not
 * see that version itself (an update may widen the TLP audience): it tells no more than that an earlier
 * message of the same agency exists, which the Update or Cancel already says, and CAP needs it to link them.
 */
export async function capXmlOf(alert: SecurityAlert, em?: EntityManager): Promise<string> {
  const [issuerAgency, targets, references] = await Promise.all([
    loadedOr(alert.issuerAgency, em),
    itemsOf(alert.targets, em),
    referencesOf(alert, em),
  ]);
  return capAlertXml({
    alert,
    issuerAgency,
    targets: [...targets].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    references,
  });
}

/** The previous version an Update or Cancel replaces, as CAP `references` names it; empty for an Alert. */
async function referencesOf(alert: SecurityAlert, em?: EntityManager): Promise<CapReference[]> {
  if (!alert.references) return [];
  const previous = await loadedOr(alert.references, em);
  const agency = await loadedOr(previous.issuerAgency, em);
  return [{ issuerAgencyCode: agency.code, identifier: previous.identifier, sent: previous.sent }];
}

/** Where each PostAlertInput / UpdateAlertInput field comes from in a CAP document, for error messages. */
const CAP_PATH: Record<string, string> = {
  targetIds: `info/area/geocode[${AGENCY_CODE_GEOCODE}]`,
  event: 'info/event',
  headline: 'info/headline',
  description: 'info/description',
  instruction: 'info/instruction',
  expires: 'info/expires',
  ...Object.fromEntries(SHIPMENT_FIELDS.map((field) => [`shipment.${field}`, `info/parameter[${CAP_PARAMETER[field]}]`])),
};

const TLP_LABELS = reverse(TLP_TEXT);
const POSTWATCH_PARAMETERS = new Map<string, keyof typeof CAP_PARAMETER>(
  Object.entries(CAP_PARAMETER).map(([key, valueName]) => [valueName, key as keyof typeof CAP_PARAMETER]),
);

/** What a CAP `info` block says, in Postwatch's terms (absent Postwatch parameters are undefined). */
interface InfoContent {
  event: string;
  headline: string;
  description: string;
  instruction: string | null;
  urgency: ParsedInfo['urgency'];
  severity: ParsedInfo['severity'];
  certainty: ParsedInfo['certainty'];
  expires: Date | null;
  tlp?: TlpLabel;
  suspicionReason?: SuspicionReason;
  shipment: SuspiciousShipmentInput | null;
  /** Agency codes of the areas, in document order. */
  targetCodes: string[];
}

/**
 * Imports OASIS CAP 1.2 alert messages for a police liaison, through the same service calls as the GraphQL
 * mutations, so that every rule of postAlert / updateAlert / cancelAlert applies and nothing is written when
 * a document is refused.
 *
 * - msgType **Alert**: posted as a new alert of the liaison's agency (new identifier, sent now). Targets are the
 *   agencies whose codes the areas' `postwatch:agencyCode` geocodes carry. TLP label, suspicion reason and
 *   shipment come from the `postwatch:` parameters; without them the label is TLP:AMBER (as postAlert) and the
 *   reason OTHER, and there is no shipment. The document's own sender and identifier are not kept.
 * - msgType **Update** / **Cancel**: accepted only when `references` names Postwatch messages (sender
 *   `…@postwatch.invalid`, identifier and sent as exported) of an alert the liaison may change; applied with
 *   updateAlert / cancelAlert to the newest one named, which must be the current version. An Update carries the
 *   whole new content (absent instruction, expires or shipment parameters remove them; absent TLP or reason
 *   parameters keep the current ones) and must keep the alert's status and targets. A Cancel's reason is its
 *   info description, or else its note.
 * - msgType Ack and Error are refused.
 */
export class CapImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
    /** Posts, updates and cancels what the documents describe, under the same rules as the mutations. */
    private readonly alertLifecycle: AlertService,
  ) {}

  /**
   * Validates `xml` against the CAP 1.2 schema, reads it and posts, updates or cancels the alert it describes.
   * @throws BAD_USER_INPUT (nothing is written) for a document over 256 KiB, with a DOCTYPE, not well-formed or
   *   not valid CAP 1.2; for msgType Ack or Error; for an info count other than one (an Alert or Update), no
   *   Security category, no headline or description, unknown or repeated postwatch: parameters, unknown,
   *   archived or repeated agency codes in the areas, and for anything postAlert / updateAlert / cancelAlert
   *   refuse; NOT_FOUND as updateAlert / cancelAlert.
   */
  async import(xml: string): Promise<SecurityAlert> {
    const cap = parseCapAlert(await checkCapDocument(xml));
    const source = { sender: cap.sender, identifier: cap.identifier, digest: createHash('sha256').update(xml).digest('hex') };
    // The whole document is read and checked before an earlier import is looked for, so that a document that
    // would be refused is refused even under an identifier imported before.
    const plan = await this.plan(cap);
    // The same document imported again gives back the message it produced: retrying an import that was cut off,
    // or importing a feed twice, posts nothing twice. Another document under the same identifier is refused.
    const earlier = await this.importedBefore(source);
    if (earlier) return sameDocument(earlier, source);
    try {
      return await plan(source);
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // Another request imported it meanwhile: forget the message that lost, and give back the one that won.
      this.em.clear();
      const raced = await this.importedBefore(source);
      if (raced) return sameDocument(raced, source);
      throw error;
    }
  }

  /** The message the viewer's agency made from document `source`, if it imported it before. */
  private importedBefore(source: CapSource): Promise<SecurityAlert | null> {
    const viewer = requireViewer(this.scope);
    return this.em.fork().findOne(SecurityAlert, { issuerAgency: viewer.agencyId, sourceSender: source.sender, sourceIdentifier: source.identifier });
  }

  /**
   * Checks what the document says as far as it can without changing anything (msgType, info blocks, content,
   * the postAlert input of an Alert) and returns how to apply it.
   */
  private async plan(cap: ParsedCapAlert): Promise<(source: CapSource) => Promise<SecurityAlert>> {
    switch (cap.msgType) {
      case 'Alert': {
        const input = await this.postInput(cap, this.contentOf(onlyInfo(cap)));
        return (source) => this.alertLifecycle.post(input, source);
      }
      case 'Update': {
        const content = this.contentOf(onlyInfo(cap));
        return async (source) => {
          const current = await this.referencedVersion(cap);
          return this.alertLifecycle.update(current.id, await this.updateInput(cap, content, current), source);
        };
      }
      case 'Cancel': {
        if (cap.infos.length > 1) throw refusal('info', 'A Cancel is imported with at most one info block');
        const reason = cap.infos[0]?.description ?? cap.note;
        if (!reason) throw refusal('info/description', 'A Cancel needs a reason: an info description or a note');
        return async (source) => this.alertLifecycle.cancel((await this.referencedVersion(cap)).id, reason, source);
      }
      default:
        throw refusal('msgType', `msgType ${cap.msgType} cannot be imported: only Alert, and Update or Cancel of a Postwatch alert`);
    }
  }

  /** The postAlert input for `content`, with the document's status (an Exercise stays one), checked as GraphQL would check it. */
  private async postInput(cap: ParsedCapAlert, content: InfoContent): Promise<PostAlertInput> {
    const input = Object.assign(new PostAlertInput(), {
      status: cap.status,
      targetIds: await this.targetIds(content.targetCodes),
      ...messageFields(content),
      suspicionReason: content.suspicionReason ?? SuspicionReason.OTHER,
    });
    await assertValid(input);
    return input;
  }

  /** The updateAlert input replacing `current` with `content`, checked as GraphQL would check it. */
  private async updateInput(cap: ParsedCapAlert, content: InfoContent, current: SecurityAlert): Promise<UpdateAlertInput> {
    if (cap.status !== current.status) {
      throw refusal('status', `An Update keeps the alert's status (${current.status}); this one says ${cap.status}`);
    }
    const targets = (await itemsOf(current.targets)).map((agency) => agency.code);
    const same = targets.length === new Set(content.targetCodes).size && targets.every((code) => content.targetCodes.includes(code));
    if (!same) {
      throw refusal(
        CAP_PATH.targetIds!,
        `An Update goes to the alert's targets (${[...targets].sort().join(', ')}); cancel it and import a new Alert to change them`,
      );
    }
    const input = Object.assign(new UpdateAlertInput(), {
      ...messageFields(content),
      ...(content.suspicionReason ? { suspicionReason: content.suspicionReason } : {}),
    });
    await assertValid(input);
    return input;
  }

  /** What `info` says, in Postwatch's terms. @throws BAD_USER_INPUT as `import`. */
  private contentOf(info: ParsedInfo): InfoContent {
    if (!info.categories.includes(CAP_CATEGORY.SECURITY)) {
      throw refusal('info/category', 'Postwatch carries security alerts only: info/category must include Security');
    }
    if (!info.headline) throw refusal('info/headline', 'info/headline is required');
    if (!info.description) throw refusal('info/description', 'info/description is required');
    if (info.expires && Number.isNaN(info.expires.getTime())) throw refusal('info/expires', 'info/expires is not a valid time');
    const parameters = postwatchParameters(info);
    let tlp: TlpLabel | undefined;
    if (parameters.tlp !== undefined) {
      tlp = TLP_LABELS.get(parameters.tlp);
      if (!tlp) {
        throw refusal(`info/parameter[${CAP_PARAMETER.tlp}]`, `${CAP_PARAMETER.tlp} must be one of ${[...TLP_LABELS.keys()].join(', ')}`);
      }
    }
    const reason = parameters.suspicionReason;
    if (reason !== undefined && !SUSPICION_REASONS.has(reason)) {
      throw refusal(
        `info/parameter[${CAP_PARAMETER.suspicionReason}]`,
        `${CAP_PARAMETER.suspicionReason} must be one of ${[...SUSPICION_REASONS].join(', ')}`,
      );
    }
    let shipment: SuspiciousShipmentInput | null = null;
    if (SHIPMENT_FIELDS.some((field) => parameters[field] !== undefined)) {
      if (parameters.trackingNumber === undefined) {
        throw refusal(
          `info/parameter[${CAP_PARAMETER.trackingNumber}]`,
          `Shipment parameters need ${CAP_PARAMETER.trackingNumber} (a UPU S10 identifier)`,
        );
      }
      shipment = Object.assign(
        new SuspiciousShipmentInput(),
        Object.fromEntries(SHIPMENT_FIELDS.map((field) => [field, parameters[field] ?? null])),
      );
    }
    return {
      event: info.event,
      headline: info.headline,
      description: info.description,
      instruction: info.instruction ?? null,
      urgency: info.urgency,
      severity: info.severity,
      certainty: info.certainty,
      expires: info.expires ?? null,
      tlp,
      suspicionReason: reason as SuspicionReason | undefined,
      shipment,
      targetCodes: targetCodesOf(info),
    };
  }

  /** Ids of the agencies with these codes. @throws BAD_USER_INPUT naming unknown or archived codes. */
  private async targetIds(codes: string[]): Promise<string[]> {
    const agencies = await this.em.find(Agency, { code: { $in: codes }, archivedAt: null });
    const byCode = new Map(agencies.map((agency) => [agency.code, agency.id]));
    const unknown = codes.filter((code) => !byCode.has(code));
    if (unknown.length > 0) {
      throw refusal(CAP_PATH.targetIds!, `Unknown or archived target agency codes: ${unknown.join(', ')}`);
    }
    return codes.map((code) => byCode.get(code)!);
  }

  /**
   * The newest Postwatch message an Update or Cancel `references`, among those the liaison may see.
   * @throws BAD_USER_INPUT when references names no Postwatch message, names one that does not exist or may not
   *   be seen (or whose sender or sent do not match), or names messages of different alerts.
   */
  private async referencedVersion(cap: ParsedCapAlert): Promise<SecurityAlert> {
    const ours = cap.references.filter((reference) => reference.sender.endsWith(`@${CAP_SENDER_DOMAIN}`));
    if (ours.length === 0) {
      throw refusal(
        'references',
        `An ${cap.msgType} can be imported only for a Postwatch alert: references must name a message whose sender ends in @${CAP_SENDER_DOMAIN}`,
      );
    }
    const viewer = requireViewer(this.scope);
    const found = await this.em.find(
      SecurityAlert,
      { $and: [{ identifier: { $in: ours.map((reference) => reference.identifier) } }, visibleAlertsWhere(this.em, viewer)] },
      { populate: ['issuerAgency', 'targets'] },
    );
    const matches = (reference: ParsedReference) =>
      found.find(
        (alert) =>
          alert.identifier === reference.identifier &&
          capSender(alert.issuerAgency.getEntity().code) === reference.sender &&
          Math.floor(alert.sent.getTime() / 1000) === Math.floor(Date.parse(reference.sent) / 1000),
      );
    const missing = ours.filter((reference) => !matches(reference));
    if (missing.length > 0) {
      throw refusal(
        'references',
        `references names Postwatch messages that do not exist or that you may not change: ${missing.map((r) => r.identifier).join(', ')}`,
      );
    }
    const named = ours.map((reference) => matches(reference)!);
    if (new Set(named.map((alert) => alert.threadId)).size > 1) {
      throw refusal('references', 'references names messages of different alerts');
    }
    return named.reduce((newest, alert) => (BigInt(alert.deliverySeq) > BigInt(newest.deliverySeq) ? alert : newest));
  }
}

/** The one info block of an Alert or Update. @throws BAD_USER_INPUT for none or several. */
function onlyInfo(cap: ParsedCapAlert): ParsedInfo {
  if (cap.infos.length !== 1) {
    throw refusal('info', `A Postwatch alert has exactly one info block; this ${cap.msgType} has ${cap.infos.length}`);
  }
  return cap.infos[0]!;
}

/**
 * The `postwatch:` parameters of `info`, by field. Parameters of other names are left alone.
 * @throws BAD_USER_INPUT for an unknown `postwatch:` name or one given twice.
 */
function postwatchParameters(info: ParsedInfo): Partial<Record<keyof typeof CAP_PARAMETER, string>> {
  const values: Partial<Record<keyof typeof CAP_PARAMETER, string>> = {};
  for (const { valueName, value } of info.parameters) {
    if (!valueName.startsWith('postwatch:')) continue;
    const field = POSTWATCH_PARAMETERS.get(valueName);
    if (!field) {
      throw refusal('info/parameter', `Unknown parameter ${valueName}; Postwatch reads ${[...POSTWATCH_PARAMETERS.keys()].join(', ')}`);
    }
    if (values[field] !== undefined) throw refusal(`info/parameter[${valueName}]`, `Parameter ${valueName} is given more than once`);
    if (value !== '') values[field] = value;
  }
  return values;
}

/**
 * Agency codes of the areas' `postwatch:agencyCode` geocodes, in document order.
 * @throws BAD_USER_INPUT when there is no area, an area has no such geocode, or a code is repeated.
 */
function targetCodesOf(info: ParsedInfo): string[] {
  const path = CAP_PATH.targetIds!;
  if (info.areas.length === 0) throw refusal(path, `At least one info/area with a geocode ${AGENCY_CODE_GEOCODE} is required`);
  const codes: string[] = [];
  for (const area of info.areas) {
    const own = area.geocodes.filter((geocode) => geocode.valueName === AGENCY_CODE_GEOCODE && geocode.value !== '');
    if (own.length === 0) throw refusal(path, `Area "${area.areaDesc}" has no geocode ${AGENCY_CODE_GEOCODE} naming a target agency`);
    codes.push(...own.map((geocode) => geocode.value));
  }
  const repeated = codes.filter((code, i) => codes.indexOf(code) !== i);
  if (repeated.length > 0) throw refusal(path, `Target agency codes named more than once: ${[...new Set(repeated)].join(', ')}`);
  return codes;
}

/**
 * Runs the input's class-validator rules with the options the schema uses (schema.ts).
 * @throws BAD_USER_INPUT naming the CAP element of each problem.
 */
async function assertValid(input: object): Promise<void> {
  const errors: ValidationError[] = await validate(input, { forbidUnknownValues: false, skipMissingProperties: false });
  if (errors.length === 0) return;
  const fields: FieldProblem[] = fieldProblems(errors).map((problem) => ({
    field: CAP_PATH[problem.field] ?? problem.field,
    message: problem.message,
  }));
  throw badUserInput(`The CAP alert does not fit a Postwatch alert: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
}

/** BAD_USER_INPUT about CAP element `path`. */
function refusal(path: string, message: string) {
  return badUserInput(message, [{ field: path, message }]);
}

/** What postAlert and updateAlert both take from a CAP `info` (a TLP label only when the document gives one). */
function messageFields(content: InfoContent) {
  return {
    event: content.event,
    headline: content.headline,
    description: content.description,
    instruction: content.instruction,
    urgency: content.urgency,
    severity: content.severity,
    certainty: content.certainty,
    expires: content.expires,
    shipment: content.shipment,
    ...(content.tlp ? { tlp: content.tlp } : {}),
  };
}

/**
 * `earlier`, when it was made from the same document as `source` (same SHA-256; messages imported before
 * digests were kept are taken as the same).
 * @throws BAD_USER_INPUT when the sender's identifier was imported before with other content: CAP 1.2 §3.2.1
 *   makes sender and identifier name one message, so a changed message needs an identifier of its own.
 */
function sameDocument(earlier: SecurityAlert, source: CapSource): SecurityAlert {
  if (!earlier.sourceDigest || earlier.sourceDigest === source.digest) return earlier;
  throw refusal(
    'identifier',
    `${source.sender} already sent a different document with identifier ${source.identifier} (imported as ${earlier.identifier}); ` +
      'a changed message needs an identifier of its own (CAP 1.2 §3.2.1)',
  );
}
