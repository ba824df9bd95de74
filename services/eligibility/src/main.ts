import { runService } from '@scholarships/service-kit';
import { eligibilityService } from './service';

void runService(eligibilityService);
