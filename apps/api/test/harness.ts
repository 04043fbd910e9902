import { makeStartTestApi } from '@ksbb/testing/api';
import { createApp } from '../src/app.factory';

export type { TestApi } from '@ksbb/testing/api';

/** The API's e2e harness (see libs/testing/src/api/harness.ts), bound to this app's factory. */
export const startTestApi = makeStartTestApi(createApp);
