import { XMLParser } from 'fast-xml-parser';
import { validateXML, type XMLValidationError } from 'xmllint-wasm';
import { badUserInput } from '../../platform/errors.js';
import { AlertStatus, Certainty, Severity, Urgency } from '../alert/alert.enums.js';
import { CAP_1_2_XSD } from './cap-v1.2.xsd.js';
import { CAP_CERTAINTY, CAP_NAMESPACE, CAP_SEVERITY, CAP_STATUS, CAP_URGENCY, reverse } from './cap-vocabulary.js';

/** Largest CAP document accepted for import: 256 KiB of UTF-8 (a CAP alert is a few KiB). */
export const MAX_CAP_BYTES = 256 * 1024;

/** How many documents are validated at once in this process; each validation runs libxml2 in a worker thread. */
const MAX_CONCURRENT_VALIDATIONS = 2;

/** How many of xmllint's error lines a refusal quotes. */
const ERROR_LINES_QUOTED = 3;

/** An earlier message named in CAP `references`. */
export interface ParsedReference {
  sender: string;
  identifier: string;
  /** As written, e.g. `2026-05-01T09:30:00+07:00`. */
  sent: string;
}

/** One CAP `area`: its description and its geocodes. */
export interface ParsedArea {
  areaDesc: string;
  geocodes: { valueName: string; value: string }[];
}

/** One CAP `info` block. Optional text elements that are absent or blank are undefined. */
export interface ParsedInfo {
  /** CAP `language` (RFC 3066), `en-US` when absent (CAP 1.2 §3.2.2). */
  language: string;
  categories: string[];
  event: string;
  urgency: Urgency;
  severity: Severity;
  certainty: Certainty;
  expires?: Date;
  headline?: string;
  description?: string;
  instruction?: string;
  parameters: { valueName: string; value: string }[];
  eventCodes: { valueName: string; value: string }[];
  areas: ParsedArea[];
}

/** A CAP 1.2 alert message, as read from a document that passed `checkCapDocument`. */
export interface ParsedCapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: AlertStatus;
  /** CAP spelling: Alert, Update, Cancel, Ack or Error. */
  msgType: string;
  note?: string;
  references: ParsedReference[];
  infos: ParsedInfo[];
}

/**
 * Checks that `xml` is a document Postwatch may read: at most MAX_CAP_BYTES, UTF-8, no DOCTYPE or entity
 * declaration (so no entity expansion and nothing fetched), well-formed and valid against the OASIS CAP 1.2
 * schema (checked with libxml2's xmllint, compiled to WebAssembly).
 * @returns the document without a leading byte-order mark.
 * @throws BAD_USER_INPUT (field `xml`) saying why, quoting xmllint's first error lines for a document that is
 *   not well-formed or not valid.
 */
export async function checkCapDocument(xml: string): Promise<string> {
  const document = xml.replace(/^\uFEFF/, '');
  const bytes = Buffer.byteLength(document, 'utf8');
  if (bytes > MAX_CAP_BYTES) {
    throw refusal(`The CAP document is ${bytes} bytes; at most ${MAX_CAP_BYTES} bytes (256 KiB) are accepted`);
  }
  if (document.trim() === '') throw refusal('The CAP document is empty');
  if (/<!DOCTYPE|<!ENTITY/i.test(document)) {
    throw refusal('The CAP document must not contain a DOCTYPE or entity declarations');
  }
  const encoding = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([^"']*)["']/.exec(document)?.[1];
  if (encoding && encoding.toLowerCase() !== 'utf-8') {
    throw refusal(`The CAP document must be UTF-8, not ${encoding}`);
  }
  const problems = await schemaProblems(document);
  if (problems.length > 0) {
    throw refusal(`The document is not a valid CAP 1.2 alert: ${problems.slice(0, ERROR_LINES_QUOTED).join('; ')}`);
  }
  const foreign = foreignNamespace(document);
  if (foreign) {
    throw refusal(
      `Only elements of the CAP 1.2 namespace are read; this document declares ${foreign} (XML signatures and other extensions are not accepted)`,
    );
  }
  return document;
}

/**
 * The namespace of the first element of `document` that is not in CAP 1.2's, or null. The schema lets any
 * element of another namespace follow the CAP elements (for XML signatures) without checking it, and `parser`
 * reads elements by local name: such elements are refused rather than risk reading them as CAP. Worked out on
 * the parsed tree, resolving each element's prefix through the `xmlns` declarations in scope.
 */
function foreignNamespace(document: string): string | null {
  return foreignIn(namespaceReader.parse(document) as XmlNode[], new Map());
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const namespaceReader = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
});

function foreignIn(nodes: XmlNode[], inScope: Map<string, string>): string | null {
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (!name || name.startsWith('#') || name.startsWith('?')) continue;
    const scope = new Map(inScope);
    for (const [attribute, value] of Object.entries(node[':@'] ?? {})) {
      if (attribute === 'xmlns') scope.set('', value);
      else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice('xmlns:'.length), value);
    }
    const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : '';
    const namespace = scope.get(prefix);
    if (namespace !== CAP_NAMESPACE) return namespace ? `"${namespace}"` : `an element (${name}) outside any namespace`;
    const inner = foreignIn(node[name] as XmlNode[], scope);
    if (inner) return inner;
  }
  return null;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  // The schema allowed no DOCTYPE, so only XML's own entities and character references are left to decode.
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

/** Elements CAP 1.2 lets repeat: always read as lists. */
const REPEATED = new Set(['code', 'info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area', 'polygon', 'circle', 'geocode']);

const STATUS = reverse(CAP_STATUS);
const URGENCY = reverse(CAP_URGENCY);
const SEVERITY = reverse(CAP_SEVERITY);
const CERTAINTY = reverse(CAP_CERTAINTY);

/**
 * Reads a document that passed `checkCapDocument` (its structure and enumerations are then those of the CAP 1.2
 * schema).
 * @throws BAD_USER_INPUT for `references` that are not `sender,identifier,sent` entries.
 */
export function parseCapAlert(document: string): ParsedCapAlert {
  const alert = (parser.parse(document) as { alert: Record<string, any> }).alert;
  return {
    identifier: textOf(alert.identifier) ?? '',
    sender: textOf(alert.sender) ?? '',
    sent: textOf(alert.sent) ?? '',
    status: STATUS.get(textOf(alert.status) ?? '')!,
    msgType: textOf(alert.msgType) ?? '',
    note: textOf(alert.note),
    references: referencesOf(textOf(alert.references)),
    infos: ((alert.info ?? []) as Record<string, any>[]).map((info) => ({
      language: textOf(info.language) ?? 'en-US',
      categories: ((info.category ?? []) as unknown[]).map((c) => textOf(c) ?? ''),
      event: textOf(info.event) ?? '',
      urgency: URGENCY.get(textOf(info.urgency) ?? '')!,
      severity: SEVERITY.get(textOf(info.severity) ?? '')!,
      certainty: CERTAINTY.get(textOf(info.certainty) ?? '')!,
      expires: textOf(info.expires) ? new Date(textOf(info.expires)!) : undefined,
      headline: textOf(info.headline),
      description: textOf(info.description),
      instruction: textOf(info.instruction),
      parameters: pairsOf(info.parameter),
      eventCodes: pairsOf(info.eventCode),
      areas: ((info.area ?? []) as Record<string, any>[]).map((area) => ({
        areaDesc: textOf(area.areaDesc) ?? '',
        geocodes: pairsOf(area.geocode),
      })),
    })),
  };
}

/** CAP `references`: whitespace-separated `sender,identifier,sent` entries (CAP 1.2 §3.2.1). */
function referencesOf(value: string | undefined): ParsedReference[] {
  if (!value) return [];
  return value.split(/\s+/).map((entry) => {
    const parts = entry.split(',');
    if (parts.length !== 3 || parts.some((part) => part === '')) {
      throw badUserInput(`references: "${entry}" is not a sender,identifier,sent entry`, [
        { field: 'xml', message: 'references must hold space-separated sender,identifier,sent entries' },
      ]);
    }
    const [sender, identifier, sent] = parts as [string, string, string];
    return { sender, identifier, sent };
  });
}

/** valueName/value pairs (parameter, geocode). */
function pairsOf(nodes: unknown): { valueName: string; value: string }[] {
  return ((nodes ?? []) as Record<string, unknown>[]).map((node) => ({
    valueName: textOf(node.valueName) ?? '',
    value: textOf(node.value) ?? '',
  }));
}

/** The text of a simple element; undefined when absent or blank. */
function textOf(node: unknown): string | undefined {
  const value = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['#text'] : node;
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** BAD_USER_INPUT about the `xml` argument. */
function refusal(message: string) {
  return badUserInput(message, [{ field: 'xml', message }]);
}

/**
 * Why `document` is not well-formed or not valid against the CAP 1.2 schema, as xmllint's error lines
 * (`line <n>: <message>`); empty when it is valid.
 */
async function schemaProblems(document: string): Promise<string[]> {
  await validationSlots.acquire();
  try {
    const result = await validateXML({
      xml: [{ fileName: 'alert.xml', contents: document }],
      schema: [{ fileName: 'CAP-v1.2.xsd', contents: CAP_1_2_XSD }],
    });
    return result.valid ? [] : errorLines(result.errors);
  } catch (error) {
    // xmllint ran but exited with a code the library does not expect (e.g. for some unreadable input): its
    // output still says what is wrong with the document. Anything else (the worker failed) is ours.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'number') throw error;
    const lines = String((error as Error).message).split('\n').map((line) => line.trim()).filter(Boolean);
    return lines.length > 0 ? lines.map((line) => line.replace(/^alert\.xml:(\d+):\s*/, 'line $1: ')) : ['not readable as XML'];
  } finally {
    validationSlots.release();
  }
}

/** xmllint's errors about the document (not its echo of the offending source line), as `line <n>: <message>`. */
function errorLines(errors: readonly XMLValidationError[]): string[] {
  const located = errors.filter((error) => error.loc !== null);
  const chosen = located.length > 0 ? located : errors;
  // xmllint reports some namespace errors without a line number (the library then reads NaN).
  return chosen.map((error) =>
    error.loc && Number.isFinite(error.loc.lineNumber) ? `line ${error.loc.lineNumber}: ${error.message}` : error.message,
  );
}

/** A counting semaphore. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(count: number) {
    this.free = count;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const validationSlots = new Slots(MAX_CONCURRENT_VALIDATIONS);
