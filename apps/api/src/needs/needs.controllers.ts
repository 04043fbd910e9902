import { NeedsController } from './needs.controller';

/** Controllers of the needs concern, registered by AppModule. */
export const NEEDS_CONTROLLERS: import('@nestjs/common').Type<unknown>[] = [NeedsController];
