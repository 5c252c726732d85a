import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../..');
const execFileAsync = promisify(execFile);

export interface Linted {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

/**
 * Lints in-memory files with the project's own eslint.config.mjs through ESLint's Node API. It runs
 * in a plain node process: ESLint loads its flat config with import(), which jest's module
 * registry does not offer.
 */
export async function lint(files: { filePath: string; code: string }[]): Promise<Linted[]> {
  const program = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
      const files = JSON.parse(process.argv[1]);
      const out = [];
      for (const f of files) {
        const [result] = await eslint.lintText(f.code, { filePath: ${JSON.stringify(root)} + '/' + f.filePath });
        out.push({ filePath: f.filePath, messages: result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) });
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
  const { stdout } = await execFileAsync(process.execPath, ['-e', program, JSON.stringify(files)], { cwd: root, timeout: 60_000 });
  return JSON.parse(stdout) as Linted[];
}

/** The messages one rule gave a linted file. */
export const problemsOf = (result: Linted | undefined, ruleId: string): string[] =>
  (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
