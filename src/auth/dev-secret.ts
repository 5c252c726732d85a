import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config';

export const DEV_SECRET_FILE = 'dev-token-secret';
const MIN_LENGTH = 32;

/**
 * The dev signing secret of one data folder: read, or created on first use. A constant in the
 * code would let anyone who has read the repository sign tokens for any dev server reachable
 * to them; a per-folder secret also survives restarts, so open tabs keep their tokens.
 */
export function readOrCreateDevSecret(dataDir: string): string {
  const file = path.join(dataDir, DEV_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  mkdirSync(dataDir, { recursive: true });
  // Written aside and linked into place: link() fails if another process got there first, so
  // two servers (or parallel test workers) starting together end up with the same secret and
  // nobody ever reads a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const secret = readSecret(file);
  if (secret === undefined) throw new Error(`${file} could not be created`);
  return secret;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < MIN_LENGTH) {
    throw new Error(`${file} holds no usable secret (fewer than ${MIN_LENGTH} characters); delete it and a new one is made`);
  }
  // A copy or an unpack may have widened it; the secret signs sign-ins, so only the owner reads it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return secret;
}

/** The config with a dev signing secret filled in; unchanged outside dev mode or with DEV_TOKEN_SECRET set. */
export function withDevTokenSecret(config: Config): Config {
  if (config.auth.mode !== 'dev' || config.auth.devTokenSecret !== undefined) return config;
  const auth = Object.freeze({ ...config.auth, devTokenSecret: readOrCreateDevSecret(config.database.dataDir) });
  return Object.freeze({ ...config, auth });
}
