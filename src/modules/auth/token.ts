import { webcrypto } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/** How Postwatch signs and checks access tokens (see README "Tokens"). */
export interface TokenSettings {
  /** HMAC key of the tokens Postwatch issues (HS256). */
  secret: Uint8Array;
  /** Lifetime of an issued token, in seconds. */
  ttlSeconds: number;
  /** `iss` of issued tokens. */
  issuer: string;
  /** `aud` every accepted token must carry. */
  audience: string;
  /** An external identity provider whose tokens are also accepted: its key set URL and `iss`. */
  jwks?: { url: string; issuer: string };
}

/** A signed access token and when it stops working. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Who a verified token names: a contact id (`sub`), or for an identity provider's token possibly only an e-mail. */
export interface TokenClaims {
  contactId?: string;
  email?: string;
  /** Credentials version (`ver`) of a token Postwatch issued; absent in an identity provider's token. */
  version?: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Why a token was refused; the client sees UNAUTHENTICATED with this reason. */
export class TokenRejected extends Error {}

/** Issues and verifies JWTs (jose): HS256 with the configured secret, plus an identity provider's JWKS if set. */
export class Tokens {
  private readonly remoteKeys?: ReturnType<typeof createRemoteJWKSet>;
  /** The secret as a Web Crypto HMAC key, imported once (given as bytes, jose would import it on every call). */
  private hmacKey?: Promise<webcrypto.CryptoKey>;

  constructor(private readonly settings: TokenSettings) {
    if (settings.jwks) this.remoteKeys = createRemoteJWKSet(new URL(settings.jwks.url));
  }

  /**
   * Signs a token for contact `contactId` (`sub`) with issuer, audience, issue time, expiry and the contact's
   * credentials version (`ver`).
   */
  async issue(contactId: string, version: number, now = new Date()): Promise<IssuedToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = await new SignJWT({ ver: version })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(contactId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(await this.secretKey());
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /**
   * Checks signature, algorithm, issuer, audience and expiry. HS256 tokens are checked against the secret;
   * with a JWKS configured, RS256/ES256/EdDSA tokens against the identity provider's keys and issuer.
   * @throws TokenRejected when any check fails.
   */
  async verify(token: string): Promise<TokenClaims> {
    let payload: JWTPayload;
    try {
      const { alg } = decodeProtectedHeader(token);
      if (alg === 'HS256' || !this.remoteKeys) {
        ({ payload } = await jwtVerify(token, await this.secretKey(), {
          algorithms: ['HS256'],
          issuer: this.settings.issuer,
          audience: this.settings.audience,
          requiredClaims: ['sub', 'exp', 'ver'],
        }));
        if (typeof payload.ver !== 'number') throw new TokenRejected('token is not valid');
        return { contactId: payload.sub!, version: payload.ver, exp: payload.exp! };
      }
      ({ payload } = await jwtVerify(token, this.remoteKeys, {
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        issuer: this.settings.jwks!.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejected('token has expired');
      throw new TokenRejected('token is not valid');
    }
    const email = typeof payload.email === 'string' ? payload.email.toLowerCase() : undefined;
    return { contactId: payload.sub, email, exp: payload.exp! };
  }

  private secretKey(): Promise<webcrypto.CryptoKey> {
    this.hmacKey ??= webcrypto.subtle.importKey('raw', new Uint8Array(this.settings.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return this.hmacKey;
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
