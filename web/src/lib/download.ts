import { markExpired, session } from '../api/session';

/**
 * Fetches `path` from the server with the signed-in user's token and saves the answer as `fileName` (a browser
 * download of a blob URL: the file routes need the token, which a plain link cannot send). A 401 ends the
 * session (the sign-in dialog opens).
 * @returns null when saved, else the HTTP status of the refusal (or 0 when the server was not reached).
 */
export async function downloadWithToken(path: string, fileName: string): Promise<number | null> {
  const token = session.token();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    return 0;
  }
  if (response.status === 401) markExpired(token);
  if (!response.ok) return response.status;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
