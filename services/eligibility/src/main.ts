import { runService } from '@scholarships/service-kit';
import { eligibilityService } from './service';

// The launcher's IPC channel closes when it dies, and the service then stops (see startServer).
void runService(eligibilityService, process.env, { parent: process });
