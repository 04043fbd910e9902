import { Injectable } from '@nestjs/common';
import { DeliveryStateRepository } from './delivery-state.repository';

/**
 * The delivery rows' state machine (claim → sent / failed / dead) for channels delivered outside this module
 * (webhooks); the repository itself stays private to the notifications module.
 */
@Injectable()
export class DeliveryStates {
  constructor(private readonly state: DeliveryStateRepository) {}

  claim(...args: Parameters<DeliveryStateRepository['claim']>): ReturnType<DeliveryStateRepository['claim']> {
    return this.state.claim(...args);
  }

  markSent(
    ...args: Parameters<DeliveryStateRepository['markSent']>
  ): ReturnType<DeliveryStateRepository['markSent']> {
    return this.state.markSent(...args);
  }

  markFailed(
    ...args: Parameters<DeliveryStateRepository['markFailed']>
  ): ReturnType<DeliveryStateRepository['markFailed']> {
    return this.state.markFailed(...args);
  }
}
