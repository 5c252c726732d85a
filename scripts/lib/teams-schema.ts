import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, TeamsManifestConverter } from '@microsoft/app-manifest';

type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
type Validatable = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];

/** Path of a Teams JSON schema shipped inside @microsoft/app-manifest, so validation never needs the network. */
export function teamsSchemaPath(manifestVersion: string, kind: 'manifest' | 'localization'): string {
  const packageBuild = dirname(require.resolve('@microsoft/app-manifest'));
  const file = kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  return join(packageBuild, 'json-schemas', 'teams', `v${manifestVersion}`, file);
}

/**
 * The localisation schemas write a literal "]" unescaped after "\b" in two key patterns
 * (activities.activityTypes[...]); ajv compiles patterns in unicode mode, where that is a syntax
 * error. Escaping it keeps the pattern's meaning and lets ajv compile the schema.
 */
function escapeLoneBrackets(schema: Record<string, unknown>): Record<string, unknown> {
  const patterns = schema.patternProperties;
  if (!patterns || typeof patterns !== 'object') return schema;
  const fixed = Object.fromEntries(Object.entries(patterns).map(([key, value]) => [key.replaceAll('\\b]', '\\b\\]'), value]));
  return { ...schema, patternProperties: fixed };
}

export function loadTeamsSchema(manifestVersion: string, kind: 'manifest' | 'localization'): Schema {
  const schema = JSON.parse(readFileSync(teamsSchemaPath(manifestVersion, kind), 'utf8')) as Record<string, unknown>;
  return (kind === 'localization' ? escapeLoneBrackets(schema) : schema) as Schema;
}

/** Schema errors of a filled-in app manifest (empty when valid). */
export async function validateManifestText(manifestJson: string): Promise<string[]> {
  const manifest = TeamsManifestConverter.jsonToManifest(manifestJson);
  return AppManifestUtils.validateAgainstSchema(manifest, loadTeamsSchema(manifest.manifestVersion, 'manifest'));
}

/** Schema errors of a localisation file for the given manifest version (empty when valid). */
export async function validateLocalizationText(localizationJson: string, manifestVersion: string): Promise<string[]> {
  const strings = JSON.parse(localizationJson) as Validatable; // the validator only walks the JSON
  return AppManifestUtils.validateAgainstSchema(strings, loadTeamsSchema(manifestVersion, 'localization'));
}
