import { runService } from '@scholarships/service-kit';
import { searchService } from './service';

// The launcher's IPC channel closes when it dies, and the service then stops (see startServer).
void runService(searchService, process.env, { parent: process });
