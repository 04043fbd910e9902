export const LOOK_ALIKE_KINDS = ['collaborator', 'aggregator', 'user'] as const;
export type LookAlikeKind = (typeof LOOK_ALIKE_KINDS)[number];

/** Another organisation or account that looks like a collaborator (equal confusable skeletons). */
export interface LookAlike {
  id: string;
  /** the organisation's name, or the account's email */
  name: string;
  kind: LookAlikeKind;
}
