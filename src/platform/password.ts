import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * Hashes a password with argon2id (library defaults: 19 MiB memory, 2 passes, 1 lane; the OWASP minimum), in
 * Unicode NFC: Vietnamese typed with precomposed letters or with combining marks (keyboards and input methods
 * differ) is the same password (NIST SP 800-63B §5.1.1.2 asks for normalisation).
 * @returns a PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$…`.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), { algorithm: Algorithm.Argon2id });
}

let decoyHash: Promise<string> | undefined;

/**
 * True when `password` matches the PHC `storedHash`. A missing hash never matches, but a decoy hash is still
 * checked so that an unknown account answers as slowly as a known one.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  try {
    const target = storedHash ?? (await decoyHash);
    const normalised = password.normalize('NFC');
    // A hash made before passwords were normalised was made from the text as typed then.
    const matches = (await verify(target, normalised)) || (normalised !== password && (await verify(target, password)));
    return matches && storedHash != null;
  } catch {
    return false;
  }
}
