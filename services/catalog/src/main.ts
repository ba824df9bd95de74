import { runService } from '@scholarships/service-kit';
import { catalogService } from './service';

// The launcher's IPC channel closes when it dies, and the service then stops (see startServer).
void runService(catalogService, process.env, { parent: process });
