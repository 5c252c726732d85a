import { writeFileSync } from 'node:fs';
import { exportPerson } from '../people/person-records';
import { personArguments } from './person-args';
import { withDatabase } from './with-database';

const usage = 'usage: npm run person:export -- --tenant <Entra tenant id> --person <person id> [--out <file.json>]   (JSON on standard output without --out)';

void withDatabase(async ({ db }) => {
  const args = personArguments(process.argv.slice(2), usage, { out: { type: 'string' } });
  const json = `${JSON.stringify(await exportPerson(db, args.tenant, args.person), null, 2)}\n`;
  const out = args.values.out;
  if (out) {
    // The export holds personal data: readable by its owner only.
    writeFileSync(out, json, { mode: 0o600 });
    console.error(`written to ${out}`);
  } else {
    process.stdout.write(json);
  }
});
