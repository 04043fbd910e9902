import type { Principal } from '../common/request-context';
import { ContactAudience, contactAudienceOf } from './need.view';

/**
 * Who may see a need at all. A draft is Pokja's work in progress: only the staff who prepare needs (admin,
 * operator), the read-only internal viewer and the system see one. Collaborators, aggregators (members and API
 * keys) and anonymous callers are told a draft does not exist (404) and never find one in a list, a search, a
 * map or a claim. Every read of needs for a caller goes through `needVisibleSql`.
 */
const SEES_DRAFTS = new Set(['admin', 'operator', 'viewer']);

export function seesDraftNeeds(principal: Principal | null | undefined): boolean {
  if (!principal) return false;
  return principal.kind === 'system' || (!!principal.role && SEES_DRAFTS.has(principal.role));
}

/** The SQL condition on a need alias deciding whether the caller may see that need. */
export function needVisibleSql(principal: Principal | null | undefined, alias = 'n'): string {
  return seesDraftNeeds(principal) ? 'TRUE' : `${alias}.status <> 'draft'`;
}

/** What a caller may read of needs: which needs (drafts or not), and on which of them the field contact. */
export interface NeedReader {
  visibleSql: (alias: string) => string;
  contact: ContactAudience;
}

export function needReaderOf(principal: Principal | null | undefined): NeedReader {
  return {
    visibleSql: (alias) => needVisibleSql(principal, alias),
    contact: contactAudienceOf(principal),
  };
}
