/**
 * Builds the Teams app package (the zip an admin uploads) for one environment:
 *
 *   npm run package                 environment "local"
 *   npm run package -- --env dev    environment "dev"
 *
 * Reads env/.env.<env> (+ .env.<env>.user), fills the ${{VAR}} placeholders in the manifest and
 * localisation files the way the Teams Toolkit does, validates them against the schemas bundled
 * in @microsoft/app-manifest and writes appPackage/build/appPackage.<env>.zip.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fillPlaceholders, loadEnvironment } from './lib/env-file';
import { validateLocalizationText, validateManifestText } from './lib/teams-schema';
import { writeZip, type ZipEntry } from './lib/zip';

export interface BuildAppPackageOptions {
  env: string;
  /** Folder with manifest.json, icons and localisation files. Default: ./appPackage */
  appPackageDir?: string;
  /** Folder with the .env.<env> files. Default: ./env */
  envDir?: string;
  /** Where the zip goes. Default: <appPackageDir>/build */
  outDir?: string;
  /** Values that win over the env files (tests, CI). */
  values?: Record<string, string>;
}

export interface BuiltAppPackage {
  zipPath: string;
  /** The zip's entries, placeholders filled in. */
  entries: ZipEntry[];
}

interface ManifestFiles {
  manifestVersion?: unknown;
  icons?: { color?: unknown; outline?: unknown };
  localizationInfo?: { defaultLanguageFile?: unknown; additionalLanguages?: { file?: unknown }[] };
}

/** Every file the manifest points to; the package holds exactly these next to manifest.json. */
function referencedFiles(manifest: ManifestFiles): { icons: string[]; localizations: string[] } {
  const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string');
  const info = manifest.localizationInfo;
  return {
    icons: strings([manifest.icons?.color, manifest.icons?.outline]),
    localizations: strings([info?.defaultLanguageFile, ...(info?.additionalLanguages ?? []).map((l) => l.file)]),
  };
}

const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuiltAppPackage> {
  const appPackageDir = resolve(options.appPackageDir ?? 'appPackage');
  const envDir = resolve(options.envDir ?? 'env');
  const outDir = resolve(options.outDir ?? join(appPackageDir, 'build'));
  const values = { ...loadEnvironment(envDir, options.env), ...options.values };

  const manifestText = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
  const { icons, localizations } = referencedFiles(JSON.parse(manifestText) as ManifestFiles);

  const missing = new Set<string>();
  const fill = (name: string, text: string) => {
    const filled = fillPlaceholders(text, values, jsonEscape);
    filled.missing.forEach((m) => missing.add(m));
    return { name, data: Buffer.from(filled.text, 'utf8') };
  };
  const entries: ZipEntry[] = [
    fill('manifest.json', manifestText),
    ...localizations.map((file) => fill(file, readFileSync(join(appPackageDir, file), 'utf8'))),
    ...icons.map((file) => ({ name: file, data: readFileSync(join(appPackageDir, file)) })),
  ];
  if (missing.size > 0) {
    throw new Error(
      `Cannot build the app package for "${options.env}": no value for ${[...missing].sort().join(', ')}. ` +
        `Set ${missing.size === 1 ? 'it' : 'them'} in ${join(envDir, `.env.${options.env}`)} (or its .user file), ` +
        'or run the Toolkit provision step that writes them.',
    );
  }

  const manifestJson = (entries[0] as ZipEntry).data.toString('utf8');
  const problems = (await validateManifestText(manifestJson)).map((e) => `manifest.json: ${e}`);
  const version = String((JSON.parse(manifestJson) as ManifestFiles).manifestVersion);
  for (const entry of entries.slice(1, 1 + localizations.length)) {
    (await validateLocalizationText(entry.data.toString('utf8'), version)).forEach((e) => problems.push(`${entry.name}: ${e}`));
  }
  if (problems.length > 0) throw new Error(`The app package does not match the Teams schema:\n  ${problems.join('\n  ')}`);

  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  writeFileSync(zipPath, writeZip(entries));
  return { zipPath, entries };
}

function envArgument(argv: readonly string[]): string {
  const at = argv.findIndex((a) => a === '--env' || a.startsWith('--env='));
  if (at < 0) return 'local';
  const arg = argv[at] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  if (!value || value.startsWith('-')) throw new Error('--env needs a name, e.g. --env dev');
  return value;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => buildAppPackage({ env: envArgument(process.argv.slice(2)) }))
    .then(({ zipPath, entries }) => console.log(`${zipPath}\n  ${entries.map((e) => e.name).join('\n  ')}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
