/** Who a user is to the platform; the role a request acts in. Kept here so every layer can name it. */
export const ROLES = ['admin', 'operator', 'viewer', 'collaborator', 'aggregator', 'kelurahan'] as const;
export type Role = (typeof ROLES)[number];

/** A kelurahan code (`31.71.01.1001`): what a `kelurahan` officer's account is scoped to. */
export const KELURAHAN_CODE = /^31\.\d{2}\.\d{2}\.\d{4}$/;
