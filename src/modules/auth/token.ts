import { SignJWT, jwtVerify, errors } from 'jose';

/** `iss` of every token Postwatch issues. */
export const TOKEN_ISSUER = 'postwatch';
/** `aud` every token must carry. */
export const TOKEN_AUDIENCE = 'postwatch-api';

export interface TokenSettings {
  secret: Uint8Array;
  ttlSeconds: number;
}

/** A signed access token and when it stops working. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Signs an HS256 JWT for contact `contactId` (`sub`), with issuer, audience and expiry. */
export async function issueToken(contactId: string, settings: TokenSettings, now = new Date()): Promise<IssuedToken> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(contactId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(settings.secret);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** Why a token was refused; the client sees UNAUTHENTICATED with this reason. */
export class TokenRejected extends Error {}

/**
 * Checks signature, algorithm, issuer, audience and expiry.
 * @returns the contact id (`sub`) and expiry (seconds since the epoch).
 * @throws TokenRejected when any check fails.
 */
export async function verifyToken(token: string, settings: TokenSettings): Promise<{ contactId: string; exp: number }> {
  try {
    const { payload } = await jwtVerify(token, settings.secret, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    return { contactId: payload.sub!, exp: payload.exp! };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new TokenRejected('token has expired');
    throw new TokenRejected('token is not valid');
  }
}

/** The token of an `Authorization: Bearer <token>` value, or null when the value is absent. */
export function bearerToken(authorization: unknown): string | null {
  if (authorization === undefined || authorization === null || authorization === '') return null;
  if (typeof authorization !== 'string') throw new TokenRejected('authorization must be "Bearer <token>"');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new TokenRejected('authorization must be "Bearer <token>"');
  return match[1]!;
}
