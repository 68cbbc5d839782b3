import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Bytes of a generated key (256 bits, as HS256 wants at least). */
const KEY_BYTES = 32;

/**
 * The secret key kept in file `path`: read when the file exists, otherwise made at random and written there
 * first, readable and writable by the server's user only (mode 0600), so that a restart keeps what was signed
 * with it. The file holds the key in hex.
 * @throws when the file cannot be read or written, or holds something else than a key of 32 bytes or more.
 */
export async function keptKey(path: string): Promise<Uint8Array> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    if (!/^([0-9a-f]{2}){32,}$/.test(text)) throw new Error(`${path} does not hold a key of at least ${KEY_BYTES} bytes in hex`);
    return Buffer.from(text, 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(dirname(path), { recursive: true });
  // `wx`: if another start wrote one meanwhile, this fails rather than replacing it.
  await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
