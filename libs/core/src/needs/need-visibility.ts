import type { Principal } from '../common/request-context';
import { KELURAHAN_CODE } from '../common/roles';
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
  if (principal?.role === 'kelurahan') return `${alias}.status <> 'draft' AND ${inKelurahanSql(principal, `${alias}.region_code`)}`;
  return seesDraftNeeds(principal) ? 'TRUE' : `${alias}.status <> 'draft'`;
}

/**
 * A kelurahan officer sees only their own kelurahan: the condition that a region code column lies in it (or is it).
 * Codes are C-collated, so the prefix LIKE is a range scan. The code comes from the account, checked against
 * KELURAHAN_CODE (digits and dots only) when it was set; anything else matches nothing.
 */
export function inKelurahanSql(principal: Principal, column: string): string {
  const code = principal.kelurahanCode ?? '';
  if (!KELURAHAN_CODE.test(code)) return 'FALSE';
  return `(${column} = '${code}' OR ${column} LIKE '${code}.%')`;
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
