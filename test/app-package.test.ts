import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppManifestUtils, TeamsManifestConverter } from '@microsoft/app-manifest';
import { drawColorIcon, drawOutlineIcon } from '../scripts/draw-icons';
import { loadTeamsSchema, teamsSchemaPath } from '../scripts/lib/teams-schema';
import { decodePng, readPngHeader } from './support/png-reader';
import { readZipEntries } from './support/zip-reader';
import { buildAppPackage, type BuiltAppPackage } from '../scripts/package-app';


type Json = Record<string, unknown>;
type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type Validatable = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

const root = join(__dirname, '..');
const appPackageDir = join(root, 'appPackage');
const sample = {
  TEAMS_APP_ID: '0b5c3a51-7d2e-4f6a-9c1b-2e8d4f6a0c31',
  BOT_ID: '1c6d4b62-8e3f-4a7b-8d2c-3f9e5a7b1d42',
  AAD_APP_CLIENT_ID: '2d7e5c73-9f4a-4b8c-9e3d-4a0f6b8c2e53',
  TAB_DOMAIN: 'kansrijk.beekvliet.example',
};

let work: string;
let built: BuiltAppPackage;
let files: Map<string, Buffer>;

/** The validator walks plain JSON; a localisation file is not a manifest, so it goes in untyped. */
const validateStrings = (strings: Json, schema: Schema) =>
  AppManifestUtils.validateAgainstSchema(strings as unknown as Validatable, schema);
const json = (name: string): Json => JSON.parse((files.get(name) as Buffer).toString('utf8')) as Json;
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);

beforeAll(async () => {
  // Validation must work offline: any attempt to fetch a schema fails the build.
  jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('the app package build must not use the network'));
  work = mkdtempSync(join(tmpdir(), 'kansrijk-app-package-'));
  mkdirSync(join(work, 'env'));
  // The base file leaves TAB_ENDPOINT empty and the .user file supplies it: the Toolkit's layering.
  writeFileSync(
    join(work, 'env', '.env.test'),
    Object.entries(sample).map(([k, v]) => `${k}=${v}`).join('\n') + '\nTAB_ENDPOINT=\n# a comment\n',
  );
  writeFileSync(join(work, 'env', '.env.test.user'), `TAB_ENDPOINT="https://${sample.TAB_DOMAIN}"\n`);
  built = await buildAppPackage({ env: 'test', appPackageDir, envDir: join(work, 'env'), outDir: join(work, 'out') });
  files = new Map((await readZipEntries(readFileSync(built.zipPath))).map((e) => [e.name, e.data]));
});

afterAll(() => {
  jest.restoreAllMocks();
  rmSync(work, { recursive: true, force: true });
});

describe('Teams app package', () => {
  it('writes appPackage.<env>.zip holding exactly the manifest, both icons and the localisation files', () => {
    expect(built.zipPath).toBe(join(work, 'out', 'appPackage.test.zip'));
    expect([...files.keys()].sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'nl-be.json', 'outline.png']);
  });

  it('fills every placeholder from env/.env.<env> and its .user file', () => {
    for (const [name, data] of files) if (name.endsWith('.json')) expect(data.toString('utf8')).not.toContain('${{');
    const manifest = json('manifest.json');
    expect(manifest.id).toBe(sample.TEAMS_APP_ID);
    expect(at(manifest, 'bots', 0, 'botId')).toBe(sample.BOT_ID);
    expect(at(manifest, 'staticTabs', 1, 'contentUrl')).toBe(`https://${sample.TAB_DOMAIN}/tabs/index.html#/my-actions`);
  });

  it('builds a manifest that the official schema accepts, offline', async () => {
    const text = (files.get('manifest.json') as Buffer).toString('utf8');
    const manifest = TeamsManifestConverter.jsonToManifest(text);
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect(String(manifest.$schema)).toContain(`/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    const schemaFile = join(root, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
    expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
    // The same validator must reject a broken manifest, or the check above proves nothing.
    const broken = TeamsManifestConverter.jsonToManifest(text.replace(sample.BOT_ID, 'not-a-guid'));
    expect(await AppManifestUtils.validateAgainstSchema(broken, schema)).not.toEqual([]);
  });

  it('ships localisation files that match the localisation schema of the same manifest version', async () => {
    const manifest = json('manifest.json');
    const version = String(manifest.manifestVersion);
    expect(existsSync(teamsSchemaPath(version, 'localization'))).toBe(true);
    const schema = loadTeamsSchema(version, 'localization');
    for (const file of ['nl-be.json', 'en.json']) {
      const strings = json(file);
      expect(String(strings.$schema)).toContain(`/teams/v${version}/MicrosoftTeams.Localization.schema.json`);
      expect(await validateStrings(strings, schema)).toEqual([]);
    }
    const tooLong = { ...json('en.json'), 'name.short': 'A name far longer than thirty characters' };
    expect(await validateStrings(tooLong, schema)).not.toEqual([]);
    const unknownKey = { ...json('en.json'), 'configurableTabs[0].name': 'Plan' };
    expect(await validateStrings(unknownKey, schema)).not.toEqual([]);
  });

  it('is Dutch (nl-BE) by default with an English translation of every localised string', () => {
    const manifest = json('manifest.json');
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'nl-be',
      defaultLanguageFile: 'nl-be.json',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
    const nl = json('nl-be.json');
    const en = json('en.json');
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    // The default-language file repeats the manifest's own (Dutch) strings.
    const fromManifest: Json = {
      'name.short': at(manifest, 'name', 'short'),
      'name.full': at(manifest, 'name', 'full'),
      'description.short': at(manifest, 'description', 'short'),
      'description.full': at(manifest, 'description', 'full'),
      'staticTabs[1].name': at(manifest, 'staticTabs', 1, 'name'),
    };
    const commands = at(manifest, 'bots', 0, 'commandLists', 0, 'commands') as { title: string; description: string }[];
    commands.forEach((c, i) => {
      fromManifest[`bots[0].commandLists[0].commands[${i}].title`] = c.title;
      fromManifest[`bots[0].commandLists[0].commands[${i}].description`] = c.description;
    });
    const { $schema: _nlSchema, ...nlStrings } = nl;
    expect(nlStrings).toEqual(fromManifest);
    for (const key of ['name.full', 'description.short', 'description.full', 'staticTabs[1].name']) expect(en[key]).not.toBe(nl[key]);
    expect(en['staticTabs[1].name']).toBe('My actions');
    expect(commands.map((c) => c.title)).toEqual(['mijn acties', 'overzicht', 'actie', 'help']);
    expect(commands.map((_, i) => en[`bots[0].commandLists[0].commands[${i}].title`])).toEqual(['my actions', 'overview', 'action', 'help']);
  });

  it('never labels people as poor', () => {
    const texts = [...files].filter(([name]) => name.endsWith('.json')).map(([, data]) => data.toString('utf8'));
    for (const text of texts) {
      expect(text).not.toMatch(/\barm(e|en)?\b/i);
      expect(text).not.toMatch(/\b(the )?poor (families|people|children|parents)\b|\bthe poor\b/i);
    }
    expect(at(json('manifest.json'), 'description', 'full')).toContain('gezinnen met een beperkt inkomen');
  });

  it('declares the bot, the tabs, SSO and our own domain, and no resource-specific consent', () => {
    const manifest = json('manifest.json');
    const bot = at(manifest, 'bots', 0) as Json;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(at(bot, 'commandLists', 0, 'scopes')).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: `https://${sample.TAB_DOMAIN}/tabs/index.html#/config`,
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
      }),
    ]);
    expect(at(manifest, 'staticTabs', 1)).toEqual(
      expect.objectContaining({ entityId: 'my-actions', name: 'Mijn acties', scopes: ['personal'] }),
    );
    expect(manifest.webApplicationInfo).toEqual({
      id: sample.AAD_APP_CLIENT_ID,
      resource: `api://${sample.TAB_DOMAIN}/${sample.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.validDomains).toEqual([sample.TAB_DOMAIN]);
    expect(manifest.authorization).toBeUndefined();
    expect(manifest.permissions).toBeUndefined();
  });

  it('has a 192×192 colour icon and a 32×32 outline icon', () => {
    const color = readPngHeader(files.get('color.png') as Buffer);
    const outline = readPngHeader(files.get('outline.png') as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('has an outline icon that is white on transparent', () => {
    const { pixels } = decodePng(files.get('outline.png') as Buffer);
    let opaque = 0;
    let clear = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a === 0) clear++;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        if (a === 255) opaque++;
      }
    }
    expect(opaque).toBeGreaterThan(50); // a motif, not an empty canvas
    expect(clear).toBeGreaterThan(500); // a transparent background, not a white square
  });

  it('commits the icons that scripts/draw-icons.ts draws', () => {
    expect(readFileSync(join(appPackageDir, 'color.png')).equals(drawColorIcon())).toBe(true);
    expect(readFileSync(join(appPackageDir, 'outline.png')).equals(drawOutlineIcon())).toBe(true);
  });

  it('fills the colour icon edge to edge with the accent colour, the sun and the hill', () => {
    const { pixels } = decodePng(files.get('color.png') as Buffer);
    const rgba = (x: number, y: number) => [...pixels.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)];
    expect(rgba(2, 2)).toEqual([0x1e, 0x6b, 0x52, 255]); // background: the manifest's accentColor
    expect(rgba(60, 128)).toEqual([0xff, 0xc8, 0x45, 255]); // the sun, left of the sprout
    expect(rgba(96, 185)).toEqual([0x9b, 0xdb, 0x9f, 255]); // the hill
    expect(pixels.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true); // no transparent corner
  });

  it('declares fs-extra, which the offline manifest validation of @microsoft/app-manifest loads without declaring it', () => {
    const manifestPackage = dirname(require.resolve('@microsoft/app-manifest/package.json'));
    const declared = JSON.parse(readFileSync(join(manifestPackage, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(declared.dependencies)).not.toContain('fs-extra');
    expect(readFileSync(join(manifestPackage, 'build', 'index.js'), 'utf8')).toContain('require("fs-extra")');
    const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(ours.devDependencies['fs-extra']).toBeDefined();
    expect(require.resolve('fs-extra', { paths: [manifestPackage] })).toBe(require.resolve('fs-extra', { paths: [root] }));
  });

  it('refuses to build when a placeholder has no value, naming each one', async () => {
    writeFileSync(join(work, 'env', '.env.partial'), `TEAMS_APP_ID=${sample.TEAMS_APP_ID}\nTAB_DOMAIN=\n`);
    const outDir = join(work, 'partial');
    await expect(
      buildAppPackage({ env: 'partial', appPackageDir, envDir: join(work, 'env'), outDir }),
    ).rejects.toThrow(/no value for AAD_APP_CLIENT_ID, BOT_ID, TAB_DOMAIN, TAB_ENDPOINT\b/);
    expect(existsSync(join(outDir, 'appPackage.partial.zip'))).toBe(false);
  });

  it('names the environment file when the environment does not exist', async () => {
    await expect(buildAppPackage({ env: 'nowhere', appPackageDir, envDir: join(work, 'env') })).rejects.toThrow(/\.env\.nowhere/);
  });
});
