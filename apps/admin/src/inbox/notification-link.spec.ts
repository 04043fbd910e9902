import { notificationPath } from './notification-link';

const ID = '6c0f3c9e-1d7e-4a43-9d55-8f3c1b0f2a11';
const about = (aggregateType: string) => ({ aggregateType, aggregateId: ID });

describe("a notification's link to its object", () => {
  it('opens the commitment and the handover in each role’s own URL space', () => {
    expect(notificationPath(about('commitment'), 'collaborator')).toBe(`/my-commitments/${ID}`);
    expect(notificationPath(about('commitment'), 'aggregator')).toBe(`/assignments/${ID}`);
    expect(notificationPath(about('commitment'), 'operator')).toBe(`/commitments/${ID}`);
    expect(notificationPath(about('handover'), 'collaborator')).toBe(`/deliveries/${ID}`);
    expect(notificationPath(about('handover'), 'admin')).toBe(`/handovers/${ID}`);
    expect(notificationPath(about('handover'), 'kelurahan')).toBe(`/area-handovers/${ID}`);
  });

  it('opens the claim lists and the need for the roles that have them', () => {
    expect(notificationPath(about('allocation'), 'collaborator')).toBe('/my-claims');
    expect(notificationPath(about('allocation'), 'aggregator')).toBe('/assignments');
    expect(notificationPath(about('allocation'), 'operator')).toBe('/allocations');
    expect(notificationPath(about('need'), 'operator')).toBe(`/needs/${ID}/edit`);
    expect(notificationPath(about('need'), 'collaborator')).toBe('/open-needs');
    expect(notificationPath(about('need'), 'kelurahan')).toBe(`/area-needs/${ID}`);
    expect(notificationPath(about('allocation'), 'kelurahan')).toBe('/area-claims');
  });

  it('links nothing a role may not open, and nothing for unknown or malformed data', () => {
    expect(notificationPath(about('handover'), 'viewer')).toBeNull();
    expect(notificationPath(about('allocation'), 'viewer')).toBeNull();
    expect(notificationPath(about('report_run'), 'collaborator')).toBeNull();
    expect(notificationPath(about('report_run'), 'viewer')).toBe('/reports');
    expect(notificationPath(about('something_else'), 'admin')).toBeNull();
    expect(notificationPath({}, 'admin')).toBeNull();
    expect(notificationPath({ aggregateType: 'commitment', aggregateId: 42 }, 'admin')).toBeNull();
  });
});
