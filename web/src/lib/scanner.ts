/**
 * A USB barcode scanner is a keyboard that types a whole code in a few milliseconds and presses Enter. A burst
 * of at least `MIN_LENGTH` characters, each within `MAX_GAP_MS` of the last, ended by Enter, is a scan; anything
 * slower is a person typing.
 */
export const MIN_LENGTH = 8;
export const MAX_GAP_MS = 50;

export interface KeyStroke {
  key: string;
  at: number;
}

/** Tells scans from typing, keystroke by keystroke. */
export class ScanDetector {
  private burst: KeyStroke[] = [];

  /**
   * Feeds one keystroke: returns the scanned text when `stroke` is the Enter that ends a scan, else null.
   * Printable single characters extend the burst; a slow one starts a new burst.
   */
  feed(stroke: KeyStroke): string | null {
    const last = this.burst.at(-1);
    if (stroke.key === 'Enter') {
      const scanned = last && stroke.at - last.at <= MAX_GAP_MS * 2 && this.burst.length >= MIN_LENGTH ? this.burst.map((s) => s.key).join('') : null;
      this.burst = [];
      return scanned;
    }
    if (stroke.key.length !== 1) return null;
    if (last && stroke.at - last.at > MAX_GAP_MS) this.burst = [];
    this.burst.push(stroke);
    return null;
  }

  /** True while the keystrokes so far look like a scan in progress. */
  scanning(now: number): boolean {
    const last = this.burst.at(-1);
    return this.burst.length >= 3 && !!last && now - last.at <= MAX_GAP_MS;
  }
}

/** Inputs that take no typed text: a scan with the focus on one (a ticked alert, say) is still a scan. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * True when a key event is typing into a field (shortcuts and scanner detection leave it alone): a text input,
 * a text area, a list (letters choose its options) or editable content.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  const field = target.closest('input, textarea, select, [contenteditable="true"]');
  return !!field && !(field instanceof HTMLInputElement && NOT_TYPED.has(field.type));
}

/**
 * Single-key shortcuts (`a` acknowledges!) wait this long before acting: a scanner's code that begins with that
 * letter (a lower-case code, Caps Lock on) sends its next character well within it, which calls the shortcut off.
 */
export const SHORTCUT_DELAY_MS = MAX_GAP_MS * 2;

/**
 * Runs single-key shortcuts a moment late, and not at all when another key follows at a scanner's pace: `press`
 * a shortcut's action on its key, `cancel` on every other key pressed outside a field (the shortcut waiting, if
 * any, was the start of a scan) and when the page goes.
 */
export class ShortcutGate {
  private pending: ReturnType<typeof setTimeout> | undefined;

  /** Schedules `action` after SHORTCUT_DELAY_MS, replacing one still waiting. */
  press(action: () => void): void {
    this.cancel();
    this.pending = setTimeout(() => {
      this.pending = undefined;
      action();
    }, SHORTCUT_DELAY_MS);
  }

  cancel(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
  }
}
