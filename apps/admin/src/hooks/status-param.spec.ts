import { statusFromParam, statusParamOf } from './status-param';

describe('a list status filter in the URL', () => {
  it('a list that opens on all statuses: absent is all, and all removes the parameter', () => {
    expect(statusFromParam('')).toBe('');
    expect(statusFromParam('approved')).toBe('approved');
    expect(statusParamOf('')).toBe('');
    expect(statusParamOf('approved')).toBe('approved');
  });

  it('a list that opens on one status: absent is that status, and all is kept as status=all', () => {
    expect(statusFromParam('', 'submitted')).toBe('submitted');
    expect(statusFromParam('verified', 'submitted')).toBe('verified');
    expect(statusFromParam('all', 'submitted')).toBe('');
    expect(statusParamOf('', 'submitted')).toBe('all');
    expect(statusParamOf('rejected', 'submitted')).toBe('rejected');
  });

  it('reads the old `status=all` links of a list without an initial status as all', () => {
    expect(statusFromParam('all')).toBe('');
  });

  it('round-trips every choice', () => {
    for (const initial of ['', 'reserved'])
      for (const status of ['', 'reserved', 'expired'])
        expect(statusFromParam(statusParamOf(status, initial), initial)).toBe(status);
  });
});
