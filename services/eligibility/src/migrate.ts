import { runMigrationCli } from '@scholarships/db';
import { migrations } from './migrations';

void runMigrationCli({ service: 'eligibility', migrations });
