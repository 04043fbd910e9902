import type { Principal } from '../common/request-context';
import { SYSTEM_PRINCIPAL } from '../common/request-context';
import { handoverEventPayload } from './handover-events';
import { duplicateWarningsFor } from './handover-readers';
import type { HandoverView } from './handover.view';

const user = (role: Principal['role'], kind: Principal['kind'] = 'user'): Principal => ({
  kind,
  id: '00000000-0000-4000-8000-000000000001',
  role,
  collaboratorId: role === 'collaborator' ? 'c' : null,
  aggregatorId: role === 'aggregator' ? 'a' : null,
});
const warnings = [{ nikMasked: '3171********0001', bastNumber: 'BAST/PANGAN/2026/000001' }];

describe('duplicate warnings by reader', () => {
  it.each([
    ['admin', user('admin')],
    ['operator', user('operator')],
    ['the system', SYSTEM_PRINCIPAL],
  ])('shows them to %s', (_, reader) => {
    expect(duplicateWarningsFor({ duplicateWarnings: warnings }, reader)).toEqual({
      duplicateWarnings: warnings,
      duplicateWarningsWithheld: false,
    });
  });

  it.each([
    ['a viewer', user('viewer')],
    ['a collaborator', user('collaborator')],
    ['an aggregator member', user('aggregator')],
    ['an API key', user('aggregator', 'api_key')],
    ['a principal without a role', user(null)],
  ])('withholds them from %s', (_, reader) => {
    expect(duplicateWarningsFor({ duplicateWarnings: warnings }, reader)).toEqual({
      duplicateWarnings: [],
      duplicateWarningsWithheld: true,
    });
  });

  it('never puts them in the event payload that webhooks and notifications carry', () => {
    const payload = handoverEventPayload({
      duplicateWarnings: warnings,
      items: [],
    } as unknown as HandoverView);
    expect(JSON.stringify(payload)).not.toContain('BAST/PANGAN/2026/000001');
    expect(Object.keys(payload).some((k) => /duplicate/i.test(k))).toBe(false);
  });
});
