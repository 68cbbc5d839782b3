/**
 * The signed-in session of this browser tab: the token (kept in sessionStorage, so it lives as long as the
 * tab), who it belongs to, and when it expires. When the server refuses the token (expired, or a WebSocket
 * closed with 4401) the session is marked "needs sign-in": the page stays as it is and a sign-in dialog asks
 * for the password again; signing in as the same account resumes where the user was.
 */

export interface SessionContact {
  id: string;
  fullName: string;
  email: string | null;
  role: 'AUDITOR' | 'BRANCH_OPERATOR' | 'COORDINATOR' | 'POLICE_LIAISON' | null;
  agency: { id: string; name: string; level: string; sector: string };
}

export interface SessionState {
  token: string | null;
  expiresAt: string | null;
  contact: SessionContact | null;
  /** True when the token no longer works and the user must sign in again (the page is kept). */
  needsSignIn: boolean;
  /** Increases at every sign-in, so that live subscriptions restart with the new token. */
  generation: number;
}

const KEY = 'postwatch.session';
type Listener = (state: SessionState) => void;

function load(): SessionState {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<SessionState> | null;
    const contact = saved?.contact;
    const valid = typeof contact?.id === 'string' && typeof contact.fullName === 'string' && typeof contact.agency?.id === 'string' && typeof contact.agency.name === 'string';
    if (saved?.token && saved.contact && saved.expiresAt && valid && !Number.isNaN(Date.parse(saved.expiresAt))) {
      const expired = Date.parse(saved.expiresAt) <= Date.now();
      return { token: saved.token, expiresAt: saved.expiresAt, contact: saved.contact, needsSignIn: expired, generation: 1 };
    }
  } catch {
    // A damaged entry is dropped: the user signs in.
  }
  return { token: null, expiresAt: null, contact: null, needsSignIn: false, generation: 0 };
}

let state: SessionState = load();
const listeners = new Set<Listener>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function publish(next: SessionState): void {
  state = next;
  if (next.token && next.contact) {
    sessionStorage.setItem(KEY, JSON.stringify({ token: next.token, expiresAt: next.expiresAt, contact: next.contact }));
  } else {
    sessionStorage.removeItem(KEY);
  }
  scheduleExpiry();
  for (const listener of listeners) listener(state);
}

/** Asks for the password again when the token's expiry time comes (the server would refuse it then). */
function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (!state.token || !state.expiresAt || state.needsSignIn) return;
  const ms = Date.parse(state.expiresAt) - Date.now();
  // setTimeout holds at most ~24.8 days; tokens live hours.
  expiryTimer = setTimeout(() => markExpired(), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
}

export const session = {
  get: (): SessionState => state,
  token: (): string | null => (state.needsSignIn ? null : state.token),
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** A successful sign-in (first, or again after expiry). */
  signedIn(token: string, expiresAt: string, contact: SessionContact): void {
    publish({ token, expiresAt, contact, needsSignIn: false, generation: state.generation + 1 });
  },
  /** Ends the session; GraphiQL's tabs and history of this tab (queries and variables typed) go with it. */
  signOut(): void {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('graphiql:')) sessionStorage.removeItem(key);
    publish({ token: null, expiresAt: null, contact: null, needsSignIn: false, generation: state.generation + 1 });
  },
};

/**
 * The server refused `token` (default: the current one): keep the page, ask for the password again. A refusal
 * of an older token (a socket closed with 4401 just after a new sign-in) changes nothing.
 */
export function markExpired(token: string | null = state.token): void {
  if (!state.token || state.needsSignIn || token !== state.token) return;
  publish({ ...state, needsSignIn: true });
}

scheduleExpiry();
