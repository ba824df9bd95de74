import { runService } from '@scholarships/service-kit';
import { catalogService } from './service';

void runService(catalogService);
