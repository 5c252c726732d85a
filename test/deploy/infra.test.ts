import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { ConfigError, loadConfig } from '../../src/config/config';
import { FOLLOW_UP_POOL_SIZE } from '../../src/follow-ups/follow-up-scheduler';

/*
 * No Bicep compiler reaches this machine (it is downloaded from outside the npm registry), so
 * these checks read infra/azure.bicep as text: resource types and API versions against the ones
 * verified in Microsoft's template reference, where each resource lives, what may never come back
 * (a 0.0.0.0 rule, passwords, public database access), and that the settings it writes are ones the
 * server accepts. The Toolkit files are validated against the Toolkit's own schema.
 */

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const bicep = read('infra/azure.bicep');

/** type@apiVersion as in https://learn.microsoft.com/azure/templates/<provider>/<type>. */
const VERIFIED_RESOURCE_TYPES = new Set([
  'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31',
  'Microsoft.Network/virtualNetworks@2024-05-01',
  'Microsoft.Network/privateDnsZones@2020-06-01',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01',
  'Microsoft.Network/privateEndpoints@2024-05-01',
  'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01',
  'Microsoft.OperationalInsights/workspaces@2023-09-01',
  'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01',
  'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01',
  'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01',
  'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01',
  'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
  'Microsoft.KeyVault/vaults@2023-07-01',
  'Microsoft.KeyVault/vaults/secrets@2023-07-01',
  'Microsoft.Authorization/roleAssignments@2022-04-01',
  'Microsoft.Web/serverfarms@2023-12-01',
  'Microsoft.Web/sites@2023-12-01',
  'Microsoft.Web/sites/config@2023-12-01',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01',
  'Microsoft.BotService/botServices@2022-09-15',
  'Microsoft.BotService/botServices/channels@2022-09-15',
  'Microsoft.Insights/actionGroups@2023-01-01',
  'Microsoft.Insights/metricAlerts@2018-03-01',
]);

/** Types that exist only globally (DNS zones, alerting); they hold no Kansrijk data. */
const GLOBAL_TYPES = new Set(['Microsoft.Network/privateDnsZones', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', 'Microsoft.Insights/actionGroups', 'Microsoft.Insights/metricAlerts']);

/** Azure's region pairs for the EU regions allowed (https://learn.microsoft.com/azure/reliability/cross-region-replication-azure). */
const EU_PAIRS: Record<string, string> = {
  westeurope: 'northeurope',
  northeurope: 'westeurope',
  francecentral: 'francesouth',
  germanywestcentral: 'germanynorth',
  swedencentral: 'swedensouth',
};

interface Resource {
  symbol: string;
  type: string;
  version: string;
  body: string;
}

/** Each top-level `resource` declaration with its body up to the next top-level declaration. */
function resources(text: string): Resource[] {
  const found: Resource[] = [];
  const pattern = /^resource (\w+) '([^'@]+)@([^']+)'(?: existing)? = (?:\[\s*for [^:]+: )?(?:if \([^)]*\) )?\{/gm;
  const starts = [...text.matchAll(pattern)];
  starts.forEach((match, i) => {
    const end = i + 1 < starts.length ? (starts[i + 1]?.index ?? text.length) : text.length;
    found.push({ symbol: match[1] ?? '', type: match[2] ?? '', version: match[3] ?? '', body: text.slice(match.index, end) });
  });
  return found;
}

function paramDefault(name: string): string {
  const match = new RegExp(`^param ${name} \\w+ = (.+)$`, 'm').exec(bicep);
  if (!match?.[1]) throw new Error(`no default for param ${name}`);
  return match[1].replace(/^'|'$/g, '');
}

describe('infra/azure.bicep', () => {
  const all = resources(bicep);

  it('uses only resource types and API versions checked against Microsoft\'s template reference', () => {
    expect(all.length).toBeGreaterThan(20);
    expect(all.map((r) => `${r.type}@${r.version}`).filter((t) => !VERIFIED_RESOURCE_TYPES.has(t))).toEqual([]);
    const moduleSettings = resources(read('infra/modules/app-settings.bicep'));
    expect(moduleSettings.map((r) => `${r.type}@${r.version}`).filter((t) => !VERIFIED_RESOURCE_TYPES.has(t))).toEqual([]);
  });

  it('puts every resource with data in the one EU location parameter, and the bot in West Europe', () => {
    const allowed = /@allowed\((\[[^\]]+\])\)\n@description\([^\n]+\)\nparam location string = '(\w+)'/.exec(bicep);
    expect(allowed).not.toBeNull();
    const regions = JSON.parse((allowed?.[1] ?? '[]').replace(/'/g, '"')) as string[];
    expect(regions.every((r) => EU_PAIRS[r])).toBe(true);
    expect(regions).toContain(allowed?.[2]);
    expect(bicep).toMatch(/^var botLocation = 'westeurope'$/m);
    for (const resource of all) {
      const location = /^ {2}location: (.+)$/m.exec(resource.body)?.[1];
      if (location === undefined) continue; // child resources and extensions live where their parent does
      const expected = GLOBAL_TYPES.has(resource.type) ? "'global'" : resource.type.startsWith('Microsoft.BotService/') ? 'botLocation' : 'location';
      expect({ resource: resource.symbol, location }).toEqual({ resource: resource.symbol, location: expected });
    }
  });

  it('keeps PostgreSQL private, Entra-only, TLS-verified and backed up in the paired EU region', () => {
    const postgres = all.find((r) => r.type === 'Microsoft.DBforPostgreSQL/flexibleServers');
    expect(postgres?.body).toMatch(/passwordAuth: 'Disabled'/);
    expect(postgres?.body).toMatch(/activeDirectoryAuth: 'Enabled'/);
    expect(postgres?.body).toMatch(/publicNetworkAccess: 'Disabled'/);
    expect(postgres?.body).toMatch(/delegatedSubnetResourceId: /);
    expect(postgres?.body).toMatch(/geoRedundantBackup: 'Enabled'/);
    expect(postgres?.body).not.toMatch(/administratorLoginPassword/);
    expect(all.some((r) => r.type.endsWith('/firewallRules'))).toBe(false);
    // Azure's "allow all Azure services" rule is a 0.0.0.0 start address.
    expect(bicep).not.toMatch(/IpAddress: '0\.0\.0\.0'/);
    for (const url of bicep.match(/DATABASE(_MIGRATION)?_URL: '[^']+'/g) ?? []) expect(url).toMatch(/sslmode=verify-full'$/);
  });

  it('has no secret parameter but the Key Vault-bound secretSettings, and the parameter file sets no secret', () => {
    const secure = [...bicep.matchAll(/@secure\(\)\n(?:@[^\n]+\n)*param (\w+)/g)].map((m) => m[1]);
    expect(secure).toEqual(['secretSettings']);
    expect(bicep).not.toMatch(/param (?!secretSettings )\w*(password|secret)\w* /i);
    const parameters = read('infra/azure.parameters.json');
    expect(parameters).not.toMatch(/SECRET_/);
    const declared = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]));
    const passed = Object.keys((JSON.parse(parameters) as { parameters: Record<string, unknown> }).parameters);
    expect(passed.filter((p) => !declared.has(p))).toEqual([]);
    const withoutDefault = [...bicep.matchAll(/^param (\w+) \w+$/gm)].map((m) => m[1]);
    expect(withoutDefault.filter((p) => !passed.includes(p ?? ''))).toEqual([]);
    // Every ${{VAR}} the Toolkit fills in is in the environment template.
    const envDev = read('env/.env.dev');
    for (const variable of parameters.match(/\$\{\{(\w+)\}\}/g) ?? []) expect(envDev).toMatch(new RegExp(`^${variable.slice(3, -2)}=`, 'm'));
  });

  it('sends App Service, PostgreSQL, Key Vault and bot diagnostics to Log Analytics, and alerts on all three services', () => {
    const scopes = all.filter((r) => r.type === 'Microsoft.Insights/diagnosticSettings').map((r) => /scope: (\w+)/.exec(r.body)?.[1]);
    expect(scopes.sort()).toEqual(['bot', 'postgres', 'vault', 'webApp']);
    const alertScopes = new Set([...bicep.matchAll(/scope: (\w+)\.id/g)].map((m) => m[1]));
    expect([...alertScopes].sort()).toEqual(['bot', 'postgres', 'webApp']);
  });

  it('sizes PostgreSQL for the configured pool: instances × (DB_POOL_SIZE + the follow-ups\' pool) fit the tier\'s connections', () => {
    const perInstance = /var neededConnections = appInstances \* \(dbPoolSize \+ (\d+)\) \+ (\d+) \+ (\d+)/.exec(bicep);
    expect(Number(perInstance?.[1])).toBe(FOLLOW_UP_POOL_SIZE);
    const table = /var postgresUserConnections = \{([^}]+)\}/.exec(bicep)?.[1] ?? '';
    const limits = Object.fromEntries([...table.matchAll(/(\w+): (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    const skus = JSON.parse((/@allowed\((\[[^\]]+\])\)\nparam postgresSkuName/.exec(bicep)?.[1] ?? '[]').replace(/'/g, '"')) as string[];
    expect(Object.keys(limits).sort()).toEqual([...skus].sort());
    const needed = Number(paramDefault('appInstances')) * (Number(paramDefault('dbPoolSize')) + FOLLOW_UP_POOL_SIZE) + Number(perInstance?.[2]) + Number(perInstance?.[3]);
    expect(needed).toBeLessThanOrEqual(limits[paramDefault('postgresSkuName')] ?? 0);
    expect(paramDefault('dbPoolSize')).toBe(String(loadConfig({}).database.poolSize));
  });

  it('writes app settings the server accepts in production, merging rather than replacing what an admin set', () => {
    expect(bicep).toMatch(/currentSettings: list\('\$\{webApp\.id\}\/config\/appsettings', '2023-12-01'\)\.properties/);
    expect(read('infra/modules/app-settings.bicep')).toMatch(/properties: union\(defaults, currentSettings, enforced\)/);
    const block = /defaults: \{([\s\S]*?)\n {4}\}\n {4}enforced: union\(\n {6}\{([\s\S]*?)\n {6}\},/.exec(bicep);
    const lines = `${block?.[1] ?? ''}\n${block?.[2] ?? ''}`.split('\n').map((l) => /^\s+(\w+): (.+?)(?: \/\/.*)?$/.exec(l)).filter((m): m is RegExpExecArray => Boolean(m));
    const sample = (value: string): string => {
      if (value.startsWith("'")) return value.slice(1, -1).replace(/\$\{[^}]+\}/g, 'kansrijk');
      return value.startsWith('string(') ? '20' : '00000000-0000-4000-8000-000000000001';
    };
    const settings = Object.fromEntries(lines.map((m) => [m[1] ?? '', sample(m[2] ?? '')]));
    expect(Object.keys(settings)).toEqual(expect.arrayContaining(['DATABASE_URL', 'DATABASE_AUTH', 'BOT_APP_TYPE', 'HOST', 'TRUST_PROXY']));
    expect(settings).toMatchObject({ DATABASE_AUTH: 'entra', BOT_APP_TYPE: 'UserAssignedMSI', NODE_ENV: 'production' });
    let problems: string[] = [];
    try {
      loadConfig(settings);
    } catch (error) {
      problems = error instanceof ConfigError ? error.problems : [String(error)];
    }
    expect(problems).toEqual([]);
  });
});

describe('the Toolkit files', () => {
  // The v1.8 schema shipped in @microsoft/m365agentstoolkit-cli 1.1.17 (resource/yaml-schema/v1.8).
  const schema = JSON.parse(read('infra/schema/teamsapp-yaml-v1.8.schema.json')) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

  it.each(['teamsapp.yml', 'teamsapp.local.yml'])('%s follows the Toolkit\'s v1.8 schema', (file) => {
    const valid = validate(load(read(file)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('teamsapp.yml deploys the package the test starts, creates no secret and no bot app of its own', () => {
    const yml = load(read('teamsapp.yml')) as { provision: { uses: string; with?: Record<string, unknown> }[]; deploy: { uses: string; with?: Record<string, unknown> }[] };
    expect(yml.deploy.map((s) => s.with?.args ?? s.with?.artifactFolder)).toEqual(['ci --no-audit --no-fund', 'run package:deploy', './build/deploy/kansrijk']);
    expect(yml.provision.find((s) => s.uses === 'aadApp/create')?.with?.generateClientSecret).toBe(false);
    expect(yml.provision.map((s) => s.uses)).not.toContain('botAadApp/create');
    expect(read('teamsapp.yml')).not.toMatch(/SECRET_/);
  });
});
