import { runMigrationCli } from '@scholarships/db';
import { migrations } from './migrations';

// Search and eligibility add columns, indexes and triggers to `scholarships`.
void runMigrationCli({ service: 'catalog', migrations, dependents: ['search', 'eligibility'] });
