/**
 * Writes the sample files of the environment analysis for the fictional municipality Beekvliet,
 * from the demo figures (src/seed/demo-context.ts):
 *   docs/samples/omgevingsanalyse-beekvliet.csv   long shape, ";" and decimal commas
 *   docs/samples/omgevingsanalyse-beekvliet.xlsx  wide shape, a column per year
 *
 *   npm run build:server && node dist/scripts/context-sample.js
 */
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextCatalogue, contextLevels, type ContextLevel } from '../src/context-indicators/context-catalogue';
import { demoContextAreas, demoContextSource, demoContextValues, demoContextYears } from '../src/seed/demo-context';

const levelNl: Record<ContextLevel, string> = { municipality: 'gemeente', arrondissement: 'arrondissement', province: 'provincie', region: 'Vlaams Gewest' };
const belgian = (value: number): string => String(value).replace('.', ',');

export function sampleCsv(): string {
  const lines = ['indicator;jaar;niveau;gebied;waarde;bron'];
  for (const v of demoContextValues()) lines.push([v.indicator, v.year, levelNl[v.level], v.area, belgian(v.value), v.source].join(';'));
  return `${lines.join('\r\n')}\r\n`;
}

/** The wide shape: a title row, as the portals put one, then one row per indicator and level. */
export async function sampleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kansrijk';
  workbook.created = new Date('2026-01-01T00:00:00Z');
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Omgevingsanalyse');
  sheet.addRow(['Omgevingsanalyse Beekvliet (fictief voorbeeld)']);
  sheet.addRow([]);
  sheet.addRow(['indicator', 'niveau', 'gebied', 'bron', ...demoContextYears]);
  const values = demoContextValues();
  for (const indicator of contextCatalogue) {
    for (const level of contextLevels) {
      const byYear = demoContextYears.map((year) => values.find((v) => v.indicator === indicator.code && v.year === year && v.level === level)?.value ?? null);
      sheet.addRow([indicator.aliases[0], levelNl[level], demoContextAreas[level], demoContextSource, ...byYear]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(__dirname, '../../docs/samples');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'omgevingsanalyse-beekvliet.csv'), sampleCsv());
  writeFileSync(join(dir, 'omgevingsanalyse-beekvliet.xlsx'), await sampleWorkbook());
}

if (require.main === module) void main();
