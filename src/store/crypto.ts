import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

/**
 * Encryption of secrets at rest (OAuth tokens), AES-256-GCM. The stored form is one string,
 * `v1.<iv>.<tag>.<ciphertext>` (base64url parts), so the format can change later (`v2…`) without guessing.
 * A random 12-byte IV per value: never reuse an IV under one key with GCM.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored value that cannot be decrypted: wrong key, tampered bytes, wrong context or not our format. */
export class DecryptionError extends AppError {
  constructor(reason: string) {
    super('SECRET_DECRYPTION_FAILED', `Cannot decrypt a stored secret (${reason}); was TOKEN_ENCRYPTION_KEY changed?`);
  }
}

/** Decodes the base64 key from config (32 bytes, checked by config.ts) into a Buffer. */
export function encryptionKey(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new AppError('CONFIG_INVALID', 'TOKEN_ENCRYPTION_KEY must be 32 bytes encoded as base64');
  return key;
}

/**
 * Encrypts `plain`. `context` is bound as additional authenticated data (e.g. `portal:42:refresh`), so a
 * ciphertext copied to another portal's record, or from the access to the refresh field, fails to decrypt.
 */
export function encryptSecret(plain: string, key: Buffer, context = ''): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Decrypts a value made by {@link encryptSecret} with the same key and context; throws {@link DecryptionError}. */
export function decryptSecret(stored: string, key: Buffer, context = ''): string {
  const parts = stored.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError('unknown format');
  const [, ivPart, tagPart, ctPart] = parts as [string, string, string, string];
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptionError('bad iv or tag length');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ctPart, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('authentication failed');
  }
}
