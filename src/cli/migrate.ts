import { withDatabase } from './with-database';

// openDatabase migrates to the latest version; this command only reports that it did.
void withDatabase(async () => {
  console.log('database is at the latest migration');
  return Promise.resolve();
});
