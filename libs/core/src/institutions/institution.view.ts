import type { InstitutionKind, SchoolLevel } from './institution.entity';

/** An institution as the API shows it: `npsn`/`nib`/`siteCode` carry its `ref` by kind. */
export interface InstitutionView {
  id: string;
  kind: InstitutionKind;
  name: string;
  npsn: string | null;
  nib: string | null;
  siteCode: string | null;
  schoolLevel: SchoolLevel | null;
  jakpreneurMember: boolean;
  address: string;
  regionCode: string;
  regionName: string | null;
  kelurahanCode: string;
  location: { lon: number; lat: number } | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface InstitutionRow {
  id: string;
  kind: InstitutionKind;
  ref: string;
  name: string;
  schoolLevel: SchoolLevel | null;
  jakpreneurMember: boolean;
  address: string;
  regionCode: string;
  regionName: string | null;
  lon: number | null;
  lat: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toInstitutionView(r: InstitutionRow): InstitutionView {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    npsn: r.kind === 'school' ? r.ref : null,
    nib: r.kind === 'msme' ? r.ref : null,
    siteCode: r.kind === 'vendor_site' ? r.ref : null,
    schoolLevel: r.schoolLevel,
    jakpreneurMember: r.jakpreneurMember,
    address: r.address,
    regionCode: r.regionCode,
    regionName: r.regionName,
    kelurahanCode: r.regionCode.split('.').slice(0, 4).join('.'),
    location: r.lon === null || r.lat === null ? null : { lon: r.lon, lat: r.lat },
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
