import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/domain-errors';
import { Page, PageRequest } from '../common/pagination';
import type { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import type { NeedFlagStatus } from './need-flag.entity';
import { NeedFlagsRepository, NeedFlagView } from './need-flags.repository';
import { inKelurahanSql, needReaderOf } from './need-visibility';
import { NeedViewsRepository } from './need-views.repository';

/**
 * A kelurahan officer flags a need of their area as wrong, with a reason; operators see every flag and resolve it.
 * An officer sees only the flags of their own kelurahan.
 */
@Injectable()
export class NeedFlagsService {
  constructor(
    private readonly flags: NeedFlagsRepository,
    private readonly needs: NeedViewsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async flag(needId: string, reason: string, principal: Principal): Promise<NeedFlagView> {
    if (principal.role !== 'kelurahan' || !principal.kelurahanCode || !principal.id)
      throw new ForbiddenError('only a kelurahan officer flags needs', { code: 'role_forbidden' });
    // Not visible (another kelurahan, a draft, none at all) reads as not found: nothing leaks about other areas.
    if (!(await this.needs.find(needId, needReaderOf(principal)))) throw new NotFoundError('need', needId);
    const kelurahanCode = principal.kelurahanCode;
    const userId = principal.id;
    return this.uow.run(async (tx) => {
      const id = await this.flags.insert(tx.manager, needId, reason, userId, kelurahanCode);
      if (!id)
        throw new ConflictError('you already flagged this need and the flag is still open', { code: 'need_flag_open' });
      const flag = (await this.flags.find(id, 'TRUE', tx.manager)) as NeedFlagView;
      await tx.audit({ action: 'need.flagged', entity: 'need', entityId: needId, after: { flagId: id, reason } });
      return flag;
    });
  }

  list(principal: Principal, filter: { status?: NeedFlagStatus; needId?: string }, page: PageRequest): Promise<Page<NeedFlagView>> {
    return this.flags.list(flagVisibleSql(principal), filter, page);
  }

  async resolve(id: string, resolution: string, principal: Principal): Promise<NeedFlagView> {
    return this.uow.run(async (tx) => {
      if (!(await this.flags.resolve(tx.manager, id, principal.id, resolution))) {
        const flag = await this.flags.find(id, 'TRUE', tx.manager);
        if (!flag) throw new NotFoundError('need flag', id);
        throw new ConflictError('the flag was already resolved', { code: 'need_flag_resolved' });
      }
      const flag = (await this.flags.find(id, 'TRUE', tx.manager)) as NeedFlagView;
      await tx.audit({ action: 'need.flag_resolved', entity: 'need', entityId: flag.needId, after: { flagId: id, resolution } });
      return flag;
    });
  }
}

function flagVisibleSql(principal: Principal): string {
  if (principal.role === 'kelurahan') return inKelurahanSql(principal, 'f.kelurahan_code');
  return principal.kind === 'system' || principal.role === 'admin' || principal.role === 'operator' || principal.role === 'viewer'
    ? 'TRUE'
    : 'FALSE';
}
