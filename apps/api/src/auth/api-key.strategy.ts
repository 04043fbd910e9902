import { Injectable } from '@nestjs/common';
import { Strategy } from 'passport-custom';
import { ApiKeysService } from '@ksbb/core';

export const API_KEY_STRATEGY = 'api-key';
export const INVALID_API_KEY = 'the API key is invalid';

/**
 * Aggregator systems' `X-API-Key`, checked by `ApiKeysService.authenticate` (which refuses a bad key with an
 * UnauthenticatedError, passed on to the guard as passport's `error`).
 */
@Injectable()
export class ApiKeyStrategy extends Strategy {
  constructor(apiKeys: ApiKeysService) {
    super((req, done) => {
      const key = req.headers['x-api-key'];
      if (typeof key !== 'string' || !key) {
        done(null, false);
        return;
      }
      apiKeys.authenticate(key).then((principal) => done(null, principal), done);
    });
  }
}
