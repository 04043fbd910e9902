import type { Schemas } from '@ksbb/api-client';
import type { CollaboratorType, Language } from '../../api/enums';

export interface SignupValues {
  name: string;
  email: string;
  password: string;
  language: Language;
  type: CollaboratorType;
  orgName: string;
  registrationNumber: string;
  taxNumber: string;
  picName: string;
  phone: string;
  address: string;
  country: string;
  publicOptIn: boolean;
  terms: boolean;
}

/** The organisation fields each type asks for (besides its name, which every type but individuals gives). */
export const TYPE_FIELDS: Record<CollaboratorType, readonly ('registrationNumber' | 'taxNumber' | 'picName' | 'phone' | 'address' | 'country')[]> = {
  business: ['registrationNumber', 'taxNumber', 'picName', 'phone', 'address'],
  civil_society: ['registrationNumber', 'picName', 'phone', 'address'],
  government: ['picName', 'phone', 'address'],
  foreign: ['country', 'registrationNumber', 'picName', 'phone', 'address'],
  individual: [],
};

/** The order of the type choice: the common donors first. */
export const SIGNUP_TYPES: readonly CollaboratorType[] = ['business', 'civil_society', 'individual', 'government', 'foreign'];

export const emptySignup = (language: Language): SignupValues => ({
  name: '',
  email: '',
  password: '',
  language,
  type: 'business',
  orgName: '',
  registrationNumber: '',
  taxNumber: '',
  picName: '',
  phone: '',
  address: '',
  country: '',
  publicOptIn: false,
  terms: false,
});

/** The request: only the fields of the chosen type, empty ones left out; an individual's organisation is their name. */
export function signupBody(v: SignupValues): Schemas['RegisterRequest'] {
  const fields = TYPE_FIELDS[v.type];
  const optional = (key: (typeof fields)[number]) => {
    const value = v[key].trim();
    return fields.includes(key) && value ? { [key]: key === 'country' ? value.toUpperCase() : value } : {};
  };
  return {
    email: v.email.trim(),
    password: v.password,
    name: v.name.trim(),
    language: v.language,
    collaborator: {
      type: v.type,
      name: v.type === 'individual' ? v.name.trim() : v.orgName.trim(),
      ...optional('registrationNumber'),
      ...optional('taxNumber'),
      ...optional('picName'),
      ...optional('phone'),
      ...optional('address'),
      ...optional('country'),
      ...(v.type === 'individual' ? { publicOptIn: v.publicOptIn } : {}),
    },
  };
}

/** The input each API field error belongs to (`collaborator.name` is the person's name for individuals). */
export function inputOfField(field: string, type: CollaboratorType): string {
  if (field === 'collaborator.name') return type === 'individual' ? 'name' : 'orgName';
  return field.startsWith('collaborator.') ? field.slice('collaborator.'.length) : field;
}
