/**
 * Builds what App Service runs, the same way for `teamsapp deploy` (teamsapp.yml), for CI (the
 * test in test/deploy/) and by hand:
 *
 *   npm run package:deploy      build/deploy/kansrijk/ (the folder the Toolkit uploads)
 *                               and build/deploy/kansrijk-deploy.zip (for az webapp deploy)
 *
 * The folder holds the compiled server, bot and tabs, package.json and package-lock.json, and the
 * production dependencies installed from the lock file. They ship in the package because App
 * Service is told not to build (SCM_DO_BUILD_DURING_DEPLOYMENT=false): what was tested is what
 * runs, and the app never needs the npm registry. They install identically on any build machine
 * because none of them is native; the build refuses a native one rather than ship a binary for the
 * wrong platform.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { writeZipFile, type ZipFileEntry } from './lib/zip-file';

/** The compiled folders the server needs at run time; dist/scripts and dist/bench stay behind. */
const RUNTIME_DIRS = ['dist/src', 'dist/bot', 'dist/tabs'];

/** The commands an admin runs in the App Service SSH console, against the built files only. */
const RUNTIME_SCRIPTS: Record<string, string> = {
  start: 'node dist/src/main.js',
  'db:migrate': 'node dist/src/cli/migrate.js',
  'tenant:register': 'node dist/src/cli/register-tenant.js',
  'person:export': 'node dist/src/cli/person-export.js',
  'person:erase': 'node dist/src/cli/person-erase.js',
};

export interface DeployPackageOptions {
  /** The repository (with dist/ built). Default: the current folder. */
  root?: string;
  /** Where kansrijk/ and kansrijk-deploy.zip go. Default: <root>/build/deploy */
  outDir?: string;
  /** Also write the zip (the Toolkit zips the folder itself). Default: true */
  zip?: boolean;
  log?: (line: string) => void;
}

export interface DeployPackage {
  folder: string;
  zipPath: string | undefined;
  files: number;
}

function filesUnder(folder: string, base: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) throw new Error(`${relative(base, path)}: a symbolic link, which a ZIP deploy does not carry`);
    if (stat.isDirectory()) found.push(...filesUnder(path, base));
    else found.push(path);
  }
  return found;
}

/** npm's command links (node_modules/.bin, nested ones too): the server never runs them, and a ZIP has no links. */
function removeBinLinks(folder: string): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name === '.bin') rmSync(path, { recursive: true, force: true });
    else if (lstatSync(path).isDirectory()) removeBinLinks(path);
  }
}

/** What no running server reads: type declarations, source maps and package docs (licences stay). */
const notForRunTime = /\.(d\.[cm]?ts|map|md|markdown)$/i;

/**
 * Drops what the CommonJS server never loads from the installed packages: the files above, and the
 * ES-module copies of packages that ship a CommonJS build beside them (build/esm, build/esnext next
 * to build/src, as the OpenTelemetry packages do). That halves the files to upload and unpack;
 * the deploy test starts the packaged server from an empty folder, so a file it needed would fail it.
 */
function pruneForRunTime(folder: string): number {
  let removed = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) {
      if ((name === 'esm' || name === 'esnext') && existsSync(join(folder, 'src')) && folder.endsWith(`${sep}build`)) {
        removed += filesUnder(path, path).length;
        rmSync(path, { recursive: true, force: true });
      } else {
        removed += pruneForRunTime(path);
      }
    } else if (notForRunTime.test(name) && !/^licen[cs]e/i.test(name)) {
      rmSync(path, { force: true });
      removed += 1;
    }
  }
  return removed;
}

function nativeAddons(nodeModules: string): string[] {
  return filesUnder(nodeModules, nodeModules).filter((file) => file.endsWith('.node') || file.endsWith(`${sep}binding.gyp`));
}

function npm(args: string[], cwd: string): void {
  // npm's own script on Windows is npm.cmd; a shell finds either.
  const result = spawnSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stderr || result.stdout}`);
}

export function buildDeployPackage(options: DeployPackageOptions = {}): DeployPackage {
  const root = resolve(options.root ?? '.');
  const outDir = resolve(options.outDir ?? join(root, 'build', 'deploy'));
  const log = options.log ?? (() => undefined);
  for (const dir of RUNTIME_DIRS) {
    if (!existsSync(join(root, dir))) throw new Error(`${dir} is missing: run npm run build first`);
  }
  if (!existsSync(join(root, 'dist/tabs/index.html'))) throw new Error('dist/tabs/index.html is missing: run npm run build first');

  const folder = join(outDir, 'kansrijk');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const dir of RUNTIME_DIRS) {
    // Source maps would publish the TypeScript sources they embed.
    cpSync(join(root, dir), join(folder, dir), { recursive: true, filter: (source) => !source.endsWith('.map') });
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  // Dependencies stay exactly as locked (npm ci checks them against package-lock.json); only the scripts change.
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ ...manifest, scripts: RUNTIME_SCRIPTS }, null, 2)}\n`);
  cpSync(join(root, 'package-lock.json'), join(folder, 'package-lock.json'));

  log('installing the production dependencies from package-lock.json');
  // Optional packages are the embedded PostgreSQL binaries: production always has DATABASE_URL.
  npm(['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], folder);
  const modules = join(folder, 'node_modules');
  removeBinLinks(modules);
  log(`left out ${pruneForRunTime(modules)} files the server never loads`);
  const native = nativeAddons(modules);
  if (native.length) throw new Error(`native add-ons would ship for ${process.platform}, not App Service's Linux: ${native.map((f) => relative(folder, f)).join(', ')}`);

  const files = filesUnder(folder, folder);
  let zipPath: string | undefined;
  if (options.zip ?? true) {
    zipPath = join(outDir, 'kansrijk-deploy.zip');
    const entries: ZipFileEntry[] = files
      .map((source) => ({ name: relative(folder, source).split(sep).join('/'), source, mode: statSync(source).mode }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const { bytes } = writeZipFile(zipPath, entries);
    log(`${zipPath}: ${entries.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  }
  return { folder, zipPath, files: files.length };
}

if (require.main === module) {
  try {
    const built = buildDeployPackage({ log: (line) => console.log(line) });
    console.log(`${built.folder} (${built.files} files)${built.zipPath ? `\n${built.zipPath}` : ''}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
