import { NeedViewsRepository } from './need-views.repository';
import { NeedsImportRepository } from './needs-import.repository';
import { NeedsImportService } from './needs-import.service';
import { NeedsRepository } from './needs.repository';
import { NeedsService } from './needs.service';

/** Providers of the needs concern, registered by CoreModule. */
export const NEEDS_PROVIDERS: import('@nestjs/common').Provider[] = [
  NeedsRepository,
  NeedViewsRepository,
  NeedsService,
  NeedsImportRepository,
  NeedsImportService,
];
