import type { Schemas } from '@ksbb/api-client';
import type { MessageKey } from '../../i18n/id';

/** What the need form edits: strings, as the inputs hold them. */
export interface NeedFormValues {
  programCode: string;
  packageCode: string;
  regionCode: string;
  title: string;
  description: string;
  quantity: string;
  beneficiaryCount: string;
  dueDate: string;
  source: string;
  sourceRef: string;
  lat: string;
  lon: string;
  contactName: string;
  contactRole: string;
  contactPhone: string;
}

export type NeedFormErrors = Partial<Record<keyof NeedFormValues, MessageKey>>;

export const EMPTY_NEED_FORM: NeedFormValues = {
  programCode: '',
  packageCode: '',
  regionCode: '',
  title: '',
  description: '',
  quantity: '',
  beneficiaryCount: '0',
  dueDate: '',
  source: 'manual',
  sourceRef: '',
  lat: '',
  lon: '',
  contactName: '',
  contactRole: '',
  contactPhone: '',
};

export function formValuesOf(need: Schemas['NeedResponse']): NeedFormValues {
  return {
    programCode: need.program.code,
    packageCode: need.package.code,
    regionCode: need.region.code,
    title: need.title,
    description: need.description,
    quantity: String(need.quantity),
    beneficiaryCount: String(need.beneficiaryCount),
    dueDate: need.dueDate ?? '',
    source: need.source,
    sourceRef: need.sourceRef ?? '',
    lat: need.location ? String(need.location.lat) : '',
    lon: need.location ? String(need.location.lon) : '',
    contactName: need.contact?.name ?? '',
    contactRole: need.contact?.role ?? '',
    contactPhone: need.contact?.phone ?? '',
  };
}

const PHONE = /^\+?[0-9 ()-]{4,32}$/;
const isInteger = (text: string) => /^\d+$/.test(text.trim());
const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));

/** The same rules the API applies, checked before sending so the operator gets immediate, translated feedback. */
export function validateNeedForm(values: NeedFormValues, creating: boolean): NeedFormErrors {
  const errors: NeedFormErrors = {};
  if (creating && !values.programCode) errors.programCode = 'validation.required';
  if (creating && !values.packageCode) errors.packageCode = 'validation.required';
  if (!values.regionCode.trim()) errors.regionCode = 'validation.required';
  if (!values.title.trim()) errors.title = 'validation.required';
  else if (values.title.length > 200) errors.title = 'validation.tooLong';
  if (!isInteger(values.quantity) || Number(values.quantity) < 1)
    errors.quantity = 'validation.positiveInteger';
  if (values.beneficiaryCount.trim() && !isInteger(values.beneficiaryCount))
    errors.beneficiaryCount = 'validation.wholeNumber';
  if (!values.source.trim()) errors.source = 'validation.required';
  const hasLat = values.lat.trim() !== '';
  const hasLon = values.lon.trim() !== '';
  if (hasLat !== hasLon) errors[hasLat ? 'lon' : 'lat'] = 'validation.bothCoordinates';
  if (hasLat && (!isNumber(values.lat) || Math.abs(Number(values.lat)) > 90))
    errors.lat = 'validation.latitude';
  if (hasLon && (!isNumber(values.lon) || Math.abs(Number(values.lon)) > 180))
    errors.lon = 'validation.longitude';
  const hasContact = values.contactName.trim() || values.contactRole.trim() || values.contactPhone.trim();
  if (hasContact && !values.contactName.trim()) errors.contactName = 'validation.contactName';
  if (values.contactPhone.trim() && !PHONE.test(values.contactPhone.trim()))
    errors.contactPhone = 'validation.phone';
  return errors;
}

/** The fields both creating and editing send. */
type NeedDetails = Schemas['UpdateNeedRequest'] &
  Required<Pick<Schemas['UpdateNeedRequest'], 'regionCode' | 'title' | 'quantity' | 'source'>>;

export function needDetailsBody(values: NeedFormValues): NeedDetails {
  const hasLocation = values.lat.trim() !== '' && values.lon.trim() !== '';
  return {
    regionCode: values.regionCode.trim(),
    title: values.title.trim(),
    description: values.description,
    quantity: Number(values.quantity),
    beneficiaryCount: values.beneficiaryCount.trim() ? Number(values.beneficiaryCount) : 0,
    dueDate: values.dueDate || null,
    source: values.source.trim(),
    sourceRef: values.sourceRef.trim() || null,
    location: hasLocation ? { lat: Number(values.lat), lon: Number(values.lon) } : null,
    contact: values.contactName.trim()
      ? {
          name: values.contactName.trim(),
          role: values.contactRole.trim() || null,
          phone: values.contactPhone.trim() || null,
        }
      : null,
  };
}

/** The server's field paths (`contact.phone`, `location.lat`) mapped to the form's inputs. */
export const SERVER_FIELD_TO_INPUT: Record<string, keyof NeedFormValues> = {
  programCode: 'programCode',
  packageCode: 'packageCode',
  regionCode: 'regionCode',
  title: 'title',
  description: 'description',
  quantity: 'quantity',
  beneficiaryCount: 'beneficiaryCount',
  dueDate: 'dueDate',
  source: 'source',
  sourceRef: 'sourceRef',
  location: 'lat',
  'location.lat': 'lat',
  'location.lon': 'lon',
  contact: 'contactName',
  'contact.name': 'contactName',
  'contact.role': 'contactRole',
  'contact.phone': 'contactPhone',
};
