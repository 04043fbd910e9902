/** Who a user is to the platform; the role a request acts in. Kept here so every layer can name it. */
export const ROLES = ['admin', 'operator', 'viewer', 'collaborator', 'aggregator'] as const;
export type Role = (typeof ROLES)[number];
