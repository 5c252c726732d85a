import { seedDemo } from '../seed/demo-seed';
import { withDatabase } from './with-database';

void withDatabase(async ({ db }) => {
  const { seeded } = await seedDemo(db);
  console.log(seeded ? 'demo data loaded' : 'the database holds data already; demo data not loaded');
});
