import {
  handoverBody,
  localDateTime,
  validateHandoverForm,
  type HandoverFormValues,
} from './handover-form-model';

const values = (change: Partial<HandoverFormValues> = {}): HandoverFormValues => ({
  commitmentId: '',
  quantities: {},
  handedOverAt: '2026-01-12T10:00',
  regionCode: '31.71.01.1001',
  address: 'Balai Warga',
  lat: '',
  lon: '',
  accuracy: null,
  giverName: 'Siti',
  giverTitle: '',
  giverOrganization: '',
  receiverName: 'Budi',
  receiverRole: 'Ketua RT',
  receiverNik: '',
  witnesses: [],
  recipients: [],
  notes: '',
  ...change,
});

describe('handover form in Jakarta time', () => {
  it('sends the typed time as Jakarta time, with its offset', () => {
    expect(handoverBody(values(), []).handedOverAt).toBe('2026-01-12T10:00:00+07:00');
  });

  it('prefills the Jakarta wall clock', () => {
    expect(localDateTime(new Date('2026-01-12T20:30:00Z'))).toBe('2026-01-13T03:30');
  });

  it('sends the location point only when both coordinates are given, and checks their ranges', () => {
    expect(handoverBody(values(), []).location).toEqual({
      regionCode: '31.71.01.1001',
      address: 'Balai Warga',
    });
    expect(handoverBody(values({ lat: '-6.1702', lon: '106.8219' }), []).location).toMatchObject({
      lat: -6.1702,
      lon: 106.8219,
    });
    const errors = validateHandoverForm(values({ lat: '-95', lon: 'east' }), [], []);
    expect(errors['location.lat']).toEqual({ key: 'validation.latitude' });
    expect(errors['location.lon']).toEqual({ key: 'validation.longitude' });
    expect(validateHandoverForm(values({ lat: '-6.17' }), [], [])['location.lon']).toEqual({
      key: 'validation.required',
    });
  });

  it('refuses a time that is not on the calendar', () => {
    expect(
      validateHandoverForm(values({ handedOverAt: '2026-02-30T10:00' }), [], []).handedOverAt,
    ).toBeDefined();
  });
});
