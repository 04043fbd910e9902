import { eligibilityErrors } from '../needs/needs.service';
import { checkInstitutionCsvRecord, institutionCsvLayout } from './institution-csv';

const layout = institutionCsvLayout(['kind', 'name', 'npsn', 'nib', 'schoolLevel', 'jakpreneurMember', 'regionCode']);

describe('institutions CSV rows', () => {
  it('reads a school and an MSME by their own ids', () => {
    expect(checkInstitutionCsvRecord(layout, ['school', 'SDN 01', '20100001', '', 'sd', '', '31.71.01.1001'], 2)).toMatchObject({
      ok: true,
      row: { kind: 'school', ref: '20100001', schoolLevel: 'SD', jakpreneurMember: false },
    });
    expect(
      checkInstitutionCsvRecord(layout, ['msme', 'Warung', '', '9120001234567', '', 'ya', '31.71.01.1001.RW02'], 3),
    ).toMatchObject({ ok: true, row: { kind: 'msme', ref: '9120001234567', schoolLevel: null, jakpreneurMember: true } });
  });

  it('says what is wrong with a bad row', () => {
    const bad = checkInstitutionCsvRecord(layout, ['school', '', '123', '', '', 'true', '31.71'], 4);
    expect(bad).toEqual({
      ok: false,
      errors: [
        'name is required',
        expect.stringMatching(/^regionCode "31.71" must be a kelurahan/),
        'npsn "123" must be 8 digits',
        expect.stringMatching(/^schoolLevel "" must be one of/),
        'jakpreneurMember is only for MSMEs',
      ],
    });
  });
});

describe('package eligibility rules', () => {
  const refs = (over: object) => ({
    programStatus: 'open' as const,
    packageId: 'p',
    regionLevel: 'village' as const,
    packageTargetKind: null,
    packageSourceList: null,
    target: null,
    ...over,
  });

  it('requires a target of the kind, a Jakpreneur member for jakpreneur_msme, and the source list', () => {
    expect(eligibilityErrors(refs({ packageTargetKind: 'school' }), 'manual', false)).toEqual([
      expect.objectContaining({ field: 'targetInstitutionId', code: 'need_target_required' }),
    ]);
    const msme = { kind: 'msme', jakpreneurMember: false, regionCode: '31.71.01.1001' };
    expect(eligibilityErrors(refs({ packageTargetKind: 'jakpreneur_msme', target: msme }), 'manual', true)).toEqual([
      expect.objectContaining({ field: 'targetInstitutionId', code: 'need_target_kind' }),
    ]);
    expect(
      eligibilityErrors(refs({ packageTargetKind: 'jakpreneur_msme', target: { ...msme, jakpreneurMember: true } }), 'x', true),
    ).toEqual([]);
    expect(eligibilityErrors(refs({ packageSourceList: 'DTKS' }), 'bansos', false)).toEqual([
      expect.objectContaining({ field: 'source', code: 'need_source_list' }),
    ]);
    expect(eligibilityErrors(refs({ packageSourceList: 'DTKS' }), 'dtks', false)).toEqual([]);
  });
});
