import { ConflictError } from '../common/domain-errors';
import { EDITABLE_NEED_STATUSES, editRefused, NEED_LIFECYCLE, transitionRefused } from './need-lifecycle';

describe('need lifecycle', () => {
  it('publishes drafts, closes live needs, cancels anything not yet finished', () => {
    expect(NEED_LIFECYCLE.publish).toMatchObject({ from: ['draft'], to: 'open' });
    expect(NEED_LIFECYCLE.close).toMatchObject({ from: ['open', 'fully_allocated'], to: 'closed' });
    expect(NEED_LIFECYCLE.cancel).toMatchObject({
      from: ['draft', 'open', 'fully_allocated'],
      to: 'cancelled',
    });
    expect(EDITABLE_NEED_STATUSES).toEqual(['draft', 'open', 'fully_allocated']);
  });

  it('explains a refused transition by the current state and the allowed ones', () => {
    const refused = transitionRefused('publish', 'closed');
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe('the need is closed; only draft needs can be published');
    expect(transitionRefused('close', 'fulfilled').message).toBe(
      'the need is fulfilled; only open or fully allocated needs can be closed',
    );
    expect(transitionRefused('cancel', 'closed').message).toBe(
      'the need is closed; only draft, open or fully allocated needs can be cancelled',
    );
    expect(transitionRefused('cancel', 'cancelled').message).toBe('the need is already cancelled');
    expect(editRefused('fulfilled').message).toBe(
      'the need is fulfilled; only draft, open or fully allocated needs can be changed',
    );
  });
});
