import type { Schemas } from '@ksbb/api-client';
import {
  commitmentBody,
  commitmentTotal,
  emptyCommitmentForm,
  emptyItem,
  validateCommitmentForm,
  withPackage,
  type CommitmentFormValues,
} from './commitment-form-model';

const pkg = (code: string, unitValueMin: number, unitValueMax: number) =>
  ({ code, name: code, unit: 'paket', unitValueMin, unitValueMax }) as Schemas['PackageResponse'];
const SEMBAKO = pkg('SEMBAKO', 100_000, 300_000);
const FREE = pkg('BEBAS', 0, 0);

function filled(change: Partial<CommitmentFormValues> = {}): CommitmentFormValues {
  return {
    ...emptyCommitmentForm('2030-01-10'),
    programCode: 'PANGAN',
    plannedTo: '2030-02-10',
    items: [{ key: 0, packageCode: 'SEMBAKO', quantity: '10', unitValue: '150000' }],
    ...change,
  };
}

describe('the commitment form model', () => {
  it('starts direct, from the given day, with one empty row', () => {
    expect(emptyCommitmentForm('2030-01-10')).toEqual({
      programCode: '',
      deliveryMode: 'direct',
      aggregatorId: '',
      plannedFrom: '2030-01-10',
      plannedTo: '',
      notes: '',
      items: [{ key: 0, packageCode: '', quantity: '', unitValue: '' }],
    });
    expect(emptyItem(7)).toEqual({ key: 7, packageCode: '', quantity: '', unitValue: '' });
  });

  it('a chosen package proposes its lowest unit value, but keeps one already typed', () => {
    expect(withPackage(emptyItem(1), 'SEMBAKO', SEMBAKO)).toEqual({
      packageCode: 'SEMBAKO',
      unitValue: '100000',
    });
    expect(withPackage({ ...emptyItem(1), unitValue: '120000' }, 'SEMBAKO', SEMBAKO)).toEqual({
      packageCode: 'SEMBAKO',
      unitValue: '120000',
    });
    expect(withPackage(emptyItem(1), 'BEBAS', FREE)).toEqual({ packageCode: 'BEBAS', unitValue: '' });
  });

  it('totals the rows that are filled in', () => {
    const values = filled({
      items: [
        { key: 0, packageCode: 'SEMBAKO', quantity: '10', unitValue: '150000' },
        { key: 1, packageCode: 'BEBAS', quantity: '2', unitValue: '' },
      ],
    });
    expect(commitmentTotal(values)).toBe(1_500_000);
  });

  it('finds nothing wrong with a complete form', () => {
    expect(validateCommitmentForm(filled(), [SEMBAKO])).toEqual({});
  });

  it('names each problem by the API field path', () => {
    const errors = validateCommitmentForm(
      filled({
        deliveryMode: 'aggregator',
        plannedTo: '2030-01-01',
        items: [
          { key: 0, packageCode: 'SEMBAKO', quantity: '0', unitValue: '500000' },
          { key: 1, packageCode: 'SEMBAKO', quantity: '1', unitValue: 'x' },
        ],
      }),
      [SEMBAKO],
    );
    expect(errors).toEqual({
      aggregatorId: { key: 'validation.required' },
      plannedTo: { key: 'validation.windowOrder' },
      'items[0].quantity': { key: 'validation.positiveInteger' },
      'items[0].unitValue': { key: 'commitmentForm.outOfRange', vars: { min: 100_000, max: 300_000 } },
      'items[1].packageCode': { key: 'commitmentForm.packageTwice' },
      'items[1].unitValue': { key: 'validation.positiveInteger' },
    });
  });

  it('sends the aggregator only for an aggregator delivery, numbers as numbers and no empty notes', () => {
    expect(commitmentBody(filled({ aggregatorId: 'stale', notes: '  ' }), 'c-1')).toEqual({
      collaboratorId: 'c-1',
      programCode: 'PANGAN',
      deliveryMode: 'direct',
      aggregatorId: null,
      items: [{ packageCode: 'SEMBAKO', quantity: 10, unitValue: 150000 }],
      plannedFrom: '2030-01-10',
      plannedTo: '2030-02-10',
      notes: undefined,
    });
    expect(
      commitmentBody(filled({ deliveryMode: 'aggregator', aggregatorId: 'a-1', notes: ' cepat ' }), 'c-1'),
    ).toMatchObject({ deliveryMode: 'aggregator', aggregatorId: 'a-1', notes: 'cepat' });
  });
});
