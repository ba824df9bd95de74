import { runService } from '@scholarships/service-kit';
import { searchService } from './service';

void runService(searchService);
