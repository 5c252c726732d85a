import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses a dotenv file as the Teams Toolkit writes them: KEY=value lines, # comments, optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] as string;
    values[key] = value;
  }
  return values;
}

/**
 * Reads env/.env.<env> and, layered on top, env/.env.<env>.user (the git-ignored file
 * with secrets and per-developer values), the same order the Toolkit uses.
 */
export function loadEnvironment(envDir: string, env: string): Record<string, string> {
  const base = join(envDir, `.env.${env}`);
  if (!existsSync(base)) throw new Error(`environment "${env}" not found: ${base} does not exist`);
  const values = parseEnvFile(readFileSync(base, 'utf8'));
  const user = `${base}.user`;
  if (existsSync(user)) Object.assign(values, parseEnvFile(readFileSync(user, 'utf8')));
  return values;
}

const placeholder = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces ${{NAME}} placeholders; an empty value counts as missing, as an empty id or URL is
 * never valid. `escape` lets JSON templates keep a value with a quote in it from breaking the file.
 */
export function fillPlaceholders(
  text: string,
  values: Readonly<Record<string, string | undefined>>,
  escape: (value: string) => string = (value) => value,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(placeholder, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    return escape(value);
  });
  return { text: filled, missing: [...missing].sort() };
}
