import { connectDatabase } from '../db/database';
import { erasePerson } from '../people/person-records';
import { personArguments } from './person-args';
import { withDatabase } from './with-database';

const usage = 'usage: npm run person:erase -- --tenant <Entra tenant id> --person <person id>   (irreversible: export first with person:export)';

void withDatabase(async (database) => {
  const args = personArguments(process.argv.slice(2), usage);
  // The app's own role may only append to the audit trail; the schema owner may pseudonymise it.
  const owner = database.migration ? connectDatabase(database.migration, 1) : undefined;
  try {
    const result = await erasePerson(owner?.db ?? database.db, args.tenant, args.person, `person:erase (${process.env.USER ?? 'operator'})`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await owner?.close();
  }
});
