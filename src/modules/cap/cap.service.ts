import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { validate, type ValidationError } from 'class-validator';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { badUserInput, fieldProblems, type FieldProblem } from '../../platform/errors.js';
import { itemsOf, loadedOr } from '../../platform/references.js';
import { isUuid } from '../../platform/ids.js';
import { visibleAlertsWhere } from '../access/alert-visibility.js';
import { s10Problem } from '../alert/s10.js';
import { Agency } from '../agency/agency.entity.js';
import { SuspicionReason, type TlpLabel } from '../alert/alert.enums.js';
import { PostAlertInput, SuspiciousShipmentInput, UpdateAlertInput } from '../alert/alert.inputs.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import type { AlertService, CapSource } from '../alert/alert.service.js';
import { checkCapDocument, parseCapAlert, type ParsedCapAlert, type ParsedInfo, type ParsedReference } from './cap-document.js';
import { chooseInfo, namedValues, Reading, reasonNamed, reasonsIn, trackingNumbersIn } from './cap-foreign.js';
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
  /** Targets given with the import (`targetIds`), which take the place of the areas' codes. */
  targetIds?: string[];
}

/** What the liaison gives with a document: targets and an expiry for a document that lacks them. */
export interface CapImportOptions {
  /** Targets (agency ids) for a document whose areas name no Postwatch agency; they replace the areas' codes. */
  targetIds?: string[] | null;
  /** The expiry to use when the document's is missing or has passed. */
  expires?: Date | null;
}

/** An imported message and what of the document it could not carry over. */
export interface CapImportOutcome {
  alert: SecurityAlert;
  warnings: string[];
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
 *
 * Documents from other systems (a neighbouring province's alert): of several `info` blocks the one in Vietnamese
 * is imported, else the one in English, else the first, and the others' text is kept at the end of the
 * description; `targetIds` stand in for areas that name no Postwatch agency and `expires` for a missing or past
 * expiry; a tracking number is read from any parameter or eventCode whose name says so (checked as UPU S10),
 * and a suspicion reason from one whose name says reason, by the reason's name in English or Vietnamese.
 * Every problem of a refused document is answered at once (`extensions.fields`); what could not be carried over
 * is listed in the outcome's warnings.
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
  async import(xml: string, options: CapImportOptions = {}): Promise<CapImportOutcome> {
    const cap = parseCapAlert(await checkCapDocument(xml));
    const source = { sender: cap.sender, identifier: cap.identifier, digest: createHash('sha256').update(xml).digest('hex') };
    // The whole document is read and checked before an earlier import is looked for, so that a document that
    // would be refused is refused even under an identifier imported before; every problem is answered at once.
    const reading = new Reading();
    const apply = await this.plan(cap, options, reading);
    if (reading.problems.length > 0 || !apply) throw refused(reading.problems);
    const { warnings } = reading;
    // The same document imported again gives back the message it produced: retrying an import that was cut off,
    // or importing a feed twice, posts nothing twice. Another document under the same identifier is refused.
    const earlier = await this.importedBefore(source);
    if (earlier) return { alert: sameDocument(earlier, source), warnings };
    try {
      return { alert: await apply(source), warnings };
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // Another request imported it meanwhile: forget the message that lost, and give back the one that won.
      this.em.clear();
      const raced = await this.importedBefore(source);
      if (raced) return { alert: sameDocument(raced, source), warnings };
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
   * the postAlert input of an Alert), noting problems and warnings in `reading`, and returns how to apply it
   * (null when it cannot be).
   */
  private async plan(
    cap: ParsedCapAlert,
    options: CapImportOptions,
    reading: Reading,
  ): Promise<((source: CapSource) => Promise<SecurityAlert>) | null> {
    // CAP 1.2 §3.2.1: identifier and sender hold no spaces, commas or restricted characters; Postwatch keeps
    // both (up to 255 characters each) to know the document again.
    for (const [field, value] of [['identifier', cap.identifier], ['sender', cap.sender]] as const) {
      if (value.length > 255) reading.problem(field, `${field} is ${value.length} characters long; at most 255 are kept`);
      if (/[\s,<&]/.test(value)) reading.problem(field, `${field} must not contain spaces, commas, < or & (CAP 1.2 §3.2.1)`);
    }
    switch (cap.msgType) {
      case 'Alert': {
        const content = this.contentOf(cap, options, reading);
        const input = content && (await this.postInput(cap, content, reading));
        return input ? (source) => this.alertLifecycle.post(input, source) : null;
      }
      case 'Update': {
        const content = this.contentOf(cap, options, reading);
        return content
          ? async (source) => {
              const current = await this.referencedVersion(cap);
              return this.alertLifecycle.update(current.id, await this.updateInput(cap, content, current), source);
            }
          : null;
      }
      case 'Cancel': {
        const info = chooseInfo(cap.infos)?.chosen;
        const reason = info?.description ?? cap.note;
        if (!reason) {
          reading.problem('info/description', 'A Cancel needs a reason: an info description or a note');
          return null;
        }
        return async (source) => this.alertLifecycle.cancel((await this.referencedVersion(cap)).id, reason, source);
      }
      default:
        reading.problem('msgType', `msgType ${cap.msgType} cannot be imported: only Alert, and Update or Cancel of a Postwatch alert`);
        return null;
    }
  }

  /**
   * The postAlert input for `content`, with the document's status (an Exercise stays one), checked as GraphQL
   * would check it; null (with the problems in `reading`) when it cannot be made.
   */
  private async postInput(cap: ParsedCapAlert, content: InfoContent, reading: Reading): Promise<PostAlertInput | null> {
    const targetIds = content.targetIds ?? (await this.targetIds(content.targetCodes, reading));
    const input = Object.assign(new PostAlertInput(), {
      status: cap.status,
      targetIds,
      ...messageFields(content),
      suspicionReason: content.suspicionReason ?? SuspicionReason.OTHER,
    });
    // What reading the document already found wrong with a field is not said again in the validator's words.
    const known = new Set(reading.problems.map((problem) => problem.field));
    for (const problem of await validationProblems(input)) if (!known.has(problem.field)) reading.problem(problem.field, problem.message);
    return reading.problems.length === 0 ? input : null;
  }

  /** The updateAlert input replacing `current` with `content`, checked as GraphQL would check it. */
  private async updateInput(cap: ParsedCapAlert, content: InfoContent, current: SecurityAlert): Promise<UpdateAlertInput> {
    if (cap.status !== current.status) {
      throw refusal('status', `An Update keeps the alert's status (${current.status}); this one says ${cap.status}`);
    }
    const targets = (await itemsOf(current.targets)).map((agency) => agency.code);
    const same = targets.length === new Set(content.targetCodes).size && targets.every((code) => content.targetCodes.includes(code));
    // A document whose areas name no Postwatch agency (and no targetIds given) goes to the alert's targets.
    if (!same && (content.targetCodes.length > 0 || content.targetIds)) {
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

  /**
   * What the document says, in Postwatch's terms, from the info block chosen by language (chooseInfo); null when
   * it has none. Problems and warnings go to `reading`.
   */
  private contentOf(cap: ParsedCapAlert, options: CapImportOptions, reading: Reading): InfoContent | null {
    const choice = chooseInfo(cap.infos);
    if (!choice) {
      reading.problem('info', `An ${cap.msgType} needs an info block`);
      return null;
    }
    const { chosen: info, others } = choice;
    if (!info.categories.includes(CAP_CATEGORY.SECURITY)) {
      reading.problem('info/category', 'Postwatch carries security alerts only: info/category must include Security');
    }
    if (!info.headline) reading.problem('info/headline', 'info/headline is required');
    if (!info.description) reading.problem('info/description', 'info/description is required');
    const parameters = postwatchParameters(info, reading);
    let tlp: TlpLabel | undefined;
    if (parameters.tlp !== undefined) {
      tlp = TLP_LABELS.get(parameters.tlp);
      if (!tlp) reading.problem(`info/parameter[${CAP_PARAMETER.tlp}]`, `${CAP_PARAMETER.tlp} must be one of ${[...TLP_LABELS.keys()].join(', ')}`);
    }
    const used = new Set<string>();
    const suspicionReason = this.reasonOf(info, parameters.suspicionReason, reading, used);
    const shipment = this.shipmentOf(info, parameters, reading, used);
    const leftOver = namedValues(info).filter(({ name, path }) => !name.startsWith('postwatch:') && !used.has(path));
    if (leftOver.length > 0) reading.warn(`Not imported: ${leftOver.map(({ path, value }) => `${path} = "${value}"`).join('; ')}`);
    return {
      event: info.event,
      headline: info.headline ?? '',
      description: withOtherLanguages(info, others, reading),
      instruction: info.instruction ?? null,
      urgency: info.urgency,
      severity: info.severity,
      certainty: info.certainty,
      expires: expiryOf(info, options, reading),
      tlp,
      suspicionReason,
      shipment,
      ...targetsOf(info, options, reading),
    };
  }

  /** The suspicion reason: `postwatch:suspicionReason`, else one named by a parameter or eventCode (cap-foreign.ts). */
  private reasonOf(info: ParsedInfo, own: string | undefined, reading: Reading, used: Set<string>): SuspicionReason | undefined {
    if (own !== undefined) {
      if (SUSPICION_REASONS.has(own)) return own as SuspicionReason;
      reading.problem(`info/parameter[${CAP_PARAMETER.suspicionReason}]`, `${CAP_PARAMETER.suspicionReason} must be one of ${[...SUSPICION_REASONS].join(', ')}`);
      return undefined;
    }
    // Values named as reasons first, then any eventCode whose value names one.
    const candidates = [...reasonsIn(info), ...info.eventCodes.map(({ valueName, value }) => ({ path: `info/eventCode[${valueName}]`, value }))];
    for (const { path, value } of candidates) {
      const reason = reasonNamed(value);
      if (!reason) continue;
      used.add(path);
      return reason;
    }
    for (const { path, value } of reasonsIn(info)) {
      used.add(path);
      reading.warn(`${path} = "${value}" names no suspicion reason Postwatch knows: imported as OTHER`);
    }
    return undefined;
  }

  /** The shipment: the `postwatch:shipment:` parameters, else a tracking number named by a parameter or eventCode. */
  private shipmentOf(
    info: ParsedInfo,
    parameters: Partial<Record<keyof typeof CAP_PARAMETER, string>>,
    reading: Reading,
    used: Set<string>,
  ): SuspiciousShipmentInput | null {
    if (SHIPMENT_FIELDS.some((field) => parameters[field] !== undefined)) {
      if (parameters.trackingNumber === undefined) {
        reading.problem(`info/parameter[${CAP_PARAMETER.trackingNumber}]`, `Shipment parameters need ${CAP_PARAMETER.trackingNumber} (a UPU S10 identifier)`);
        return null;
      }
      return Object.assign(new SuspiciousShipmentInput(), Object.fromEntries(SHIPMENT_FIELDS.map((field) => [field, parameters[field] ?? null])));
    }
    const numbers = trackingNumbersIn(info);
    if (numbers.length === 0) return null;
    const [first, ...rest] = numbers;
    used.add(first!.path);
    const problem = s10Problem(first!.value);
    if (problem) {
      reading.problem(first!.path, `${first!.value}: ${problem}`);
      return null;
    }
    for (const other of rest) {
      used.add(other.path);
      if (other.value !== first!.value) reading.warn(`${other.path} = "${other.value}": an alert follows one shipment; ${first!.value} was imported`);
    }
    return Object.assign(new SuspiciousShipmentInput(), { trackingNumber: first!.value });
  }

  /** Ids of the agencies with these codes; unknown or archived codes are problems in `reading`. */
  private async targetIds(codes: string[], reading: Reading): Promise<string[]> {
    if (codes.length === 0) return [];
    const agencies = await this.em.find(Agency, { code: { $in: codes }, archivedAt: null });
    const byCode = new Map(agencies.map((agency) => [agency.code, agency.id]));
    const unknown = codes.filter((code) => !byCode.has(code));
    if (unknown.length > 0) reading.problem(CAP_PATH.targetIds!, `Unknown or archived target agency codes: ${unknown.join(', ')}`);
    return codes.filter((code) => byCode.has(code)).map((code) => byCode.get(code)!);
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

/**
 * The `postwatch:` parameters of `info`, by field. Parameters of other names are left alone. An unknown
 * `postwatch:` name or one given twice is a problem in `reading`.
 */
function postwatchParameters(info: ParsedInfo, reading: Reading): Partial<Record<keyof typeof CAP_PARAMETER, string>> {
  const values: Partial<Record<keyof typeof CAP_PARAMETER, string>> = {};
  for (const { valueName, value } of info.parameters) {
    if (!valueName.startsWith('postwatch:')) continue;
    const field = POSTWATCH_PARAMETERS.get(valueName);
    if (!field) {
      reading.problem('info/parameter', `Unknown parameter ${valueName}; Postwatch reads ${[...POSTWATCH_PARAMETERS.keys()].join(', ')}`);
    } else if (values[field] !== undefined) {
      reading.problem(`info/parameter[${valueName}]`, `Parameter ${valueName} is given more than once`);
    } else if (value !== '') {
      values[field] = value;
    }
  }
  return values;
}

/**
 * The targets: `targetIds` when given (the areas' agency codes are then not used), else the agency codes of
 * the areas' `postwatch:agencyCode` geocodes, in document order. Areas that name no agency are listed in the
 * warnings; none at all, a repeated code, or targetIds that are not ids are problems.
 */
function targetsOf(info: ParsedInfo, options: CapImportOptions, reading: Reading): { targetCodes: string[]; targetIds?: string[] } {
  const path = CAP_PATH.targetIds!;
  const codes: string[] = [];
  const unnamed: string[] = [];
  for (const area of info.areas) {
    const own = area.geocodes.filter((geocode) => geocode.valueName === AGENCY_CODE_GEOCODE && geocode.value !== '');
    if (own.length === 0) unnamed.push(area.areaDesc);
    codes.push(...own.map((geocode) => geocode.value));
  }
  if (options.targetIds?.length) {
    const bad = options.targetIds.filter((id) => !isUuid(id));
    if (bad.length > 0) reading.problem('targetIds', `not ids: ${bad.join(', ')}`);
    if (codes.length > 0) reading.warn(`The areas' agency codes (${codes.join(', ')}) were not used: targetIds were given`);
    if (unnamed.length > 0) reading.warn(`Areas not imported (targetIds were given): ${unnamed.map((d) => `"${d}"`).join(', ')}`);
    return { targetCodes: [], targetIds: [...options.targetIds] };
  }
  if (codes.length === 0) {
    reading.problem(path, `No area names a Postwatch agency (geocode ${AGENCY_CODE_GEOCODE}): give targetIds with the import`);
    return { targetCodes: [] };
  }
  if (unnamed.length > 0) reading.warn(`Areas that name no Postwatch agency were not imported: ${unnamed.map((d) => `"${d}"`).join(', ')}`);
  const repeated = codes.filter((code, i) => codes.indexOf(code) !== i);
  if (repeated.length > 0) reading.problem(path, `Target agency codes named more than once: ${[...new Set(repeated)].join(', ')}`);
  return { targetCodes: codes };
}

/** Longest description an alert takes (PostAlertInput). */
const DESCRIPTION_MAX = 8000;

/** `info`'s description, followed by the text of the info blocks in other languages as far as it fits. */
function withOtherLanguages(info: ParsedInfo, others: ParsedInfo[], reading: Reading): string {
  let description = info.description ?? '';
  if (others.length > 0) reading.warn(`Imported the info block in ${info.language}; the text of the others (${others.map((o) => o.language).join(', ')}) is kept at the end of the description`);
  for (const other of others) {
    const text = [`[${other.language}] ${other.headline ?? ''}`.trim(), other.description, other.instruction].filter(Boolean).join('\n');
    if (description.length + 2 + text.length > DESCRIPTION_MAX) {
      reading.warn(`The text of the info block in ${other.language} was not kept: the description would pass ${DESCRIPTION_MAX} characters`);
      continue;
    }
    description = `${description}\n\n${text}`;
  }
  return description;
}

/** The expiry: the document's while in the future, else the one given with the import, else none (a past one is a problem). */
function expiryOf(info: ParsedInfo, options: CapImportOptions, reading: Reading): Date | null {
  const own = info.expires;
  if (own && Number.isNaN(own.getTime())) {
    reading.problem('info/expires', 'info/expires is not a valid time');
    return null;
  }
  if (own && own.getTime() > Date.now()) return own;
  if (options.expires) {
    if (own) reading.warn(`The document's expiry (${own.toISOString()}) has passed: the expiry given with the import was used`);
    return options.expires;
  }
  if (own) reading.problem('info/expires', `info/expires (${own.toISOString()}) has passed: give expires with the import`);
  return null;
}

/**
 * Runs the input's class-validator rules with the options the schema uses (schema.ts).
 * @throws BAD_USER_INPUT naming the CAP element of each problem.
 */
async function assertValid(input: object): Promise<void> {
  const fields = await validationProblems(input);
  if (fields.length > 0) throw refused(fields);
}

/** The input's class-validator problems, each naming its CAP element. */
async function validationProblems(input: object): Promise<FieldProblem[]> {
  const errors: ValidationError[] = await validate(input, { forbidUnknownValues: false, skipMissingProperties: false });
  return fieldProblems(errors).map((problem) => ({ field: CAP_PATH[problem.field] ?? problem.field, message: problem.message }));
}

/** BAD_USER_INPUT listing every problem of a document, each naming its CAP element. */
function refused(fields: FieldProblem[]) {
  return badUserInput(`The CAP alert does not fit a Postwatch alert: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
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
