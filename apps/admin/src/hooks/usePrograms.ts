import type { Schemas } from '@ksbb/api-client';
import { api } from '../api/client';
import { useApiQuery } from './useApiQuery';

export type Program = Schemas['ProgramResponse'];
export type Package = Schemas['PackageResponse'];

/** The programs, for filters and forms; an empty list while loading or when they cannot be read. */
export function usePrograms(): Program[] {
  const programs = useApiQuery((signal) => api.GET('/api/v1/programs', { signal }), []);
  return programs.status === 'success' ? programs.data : [];
}

/** The packages of a program (none until a program is chosen). */
export function usePackages(programCode: string): Package[] {
  const packages = useApiQuery(
    (signal) =>
      programCode
        ? api.GET('/api/v1/programs/{code}/packages', { params: { path: { code: programCode } }, signal })
        : Promise.resolve({ data: [] as Package[], response: new Response(null, { status: 200 }) }),
    [programCode],
  );
  return packages.status === 'success' ? packages.data : [];
}
