import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import type { FieldProblem } from '../../http/errors.js';

// OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane.
// (Algorithm is a const enum the package does not export at run time; 2 is Argon2id.)
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON_PASSWORDS = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** What is wrong with a chosen password, or null. The list of common passwords ships with the app. */
export function passwordProblem(password: string, email: string): FieldProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { field: 'password', code: 'too_short', params: { min: PASSWORD_MIN_LENGTH } };
  if (length > PASSWORD_MAX_LENGTH) return { field: 'password', code: 'too_long', params: { max: PASSWORD_MAX_LENGTH } };
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) return { field: 'password', code: 'password_common' };
  const localPart = email.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) return { field: 'password', code: 'password_contains_email' };
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2);
}

// Verified against when the account does not exist, so that both answers take as long.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))));
  let ok = false;
  try {
    ok = await verify(target, password.normalize('NFC'));
  } catch {
    ok = false;
  }
  return ok && passwordHash !== null;
}

/** 128 random bits, URL-safe: session tokens and set-up links. Only their SHA-256 is stored. */
export function randomToken(): string {
  return randomBytes(16).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const TOTP_ISSUER = 'Suoja';
const TOTP_PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export async function totpEnrolment(secret: string, email: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = generateURI({ issuer: TOTP_ISSUER, label: email, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrSvg };
}

/**
 * Checks a TOTP code with one step of clock drift either way. Returns the accepted time step,
 * which must be newer than the last accepted one (a code works once).
 */
export async function acceptTotp(secret: string, code: string, now: Date, lastStep: number | null): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verifyTotp({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOTP_PERIOD });
  if (!result.valid) return null;
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + (result.delta ?? 0);
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten one-time recovery codes like `k7mq-2xhp-9trw`; shown once, stored hashed. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function recoveryCodeHash(code: string): string {
  return sha256(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}
