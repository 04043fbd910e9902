import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import {
  assertVersion,
  ConflictError,
  FieldError,
  InvalidInputError,
  NotFoundError,
} from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import {
  EDITABLE_NEED_STATUSES,
  editRefused,
  NEED_LIFECYCLE,
  NeedTransition,
  transitionRefused,
} from './need-lifecycle';
import { auditableNeed, NeedView } from './need.view';
import { needReaderOf } from './need-visibility';
import { NEED_SORT_COLUMNS, NeedFilter, NeedViewsRepository } from './need-views.repository';
import { NeedChanges, NeedContactFields, NeedReferences, NeedsRepository } from './needs.repository';

export interface CreateNeedInput {
  programCode: string;
  packageCode: string;
  /** required unless a target institution is named; then the institution's region is used */
  regionCode?: string;
  targetInstitutionId?: string | null;
  title: string;
  description?: string;
  quantity: number;
  beneficiaryCount?: number;
  source?: string;
  sourceRef?: string | null;
  location?: { lon: number; lat: number } | null;
  contact?: NeedContactFields | null;
  dueDate?: string | null;
}

export type UpdateNeedInput = NeedChanges;

/** Provenance recorded when the operator names none. */
export const MANUAL_SOURCE = 'manual';

/**
 * The needs the government publishes: created as drafts by Pokja, corrected while they are live, published, closed or
 * cancelled. Quantities claimed by donors are never touched here except through the guarded quantity edit.
 */
@Injectable()
export class NeedsService {
  constructor(
    private readonly needs: NeedsRepository,
    private readonly views: NeedViewsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  list(filter: NeedFilter, page: PageRequest, principal: Principal | null): Promise<Page<NeedView>> {
    const sort = resolveSort(page.sort, NEED_SORT_COLUMNS, {
      column: NEED_SORT_COLUMNS.createdAt,
      direction: 'DESC',
    });
    return this.views.list(filter, needReaderOf(principal), page, sort);
  }

  async get(id: string, principal: Principal | null): Promise<NeedView> {
    const need = await this.views.find(id, needReaderOf(principal));
    if (!need) throw new NotFoundError('need', id);
    return need;
  }

  async create(input: CreateNeedInput, principal: Principal | null): Promise<NeedView> {
    const targetId = input.targetInstitutionId ?? null;
    const refs = await this.needs.references(input.programCode, input.packageCode, input.regionCode ?? null, targetId);
    const errors: FieldError[] = [];
    if (!refs.programStatus)
      errors.push({ field: 'programCode', message: `program ${input.programCode} does not exist` });
    else if (refs.programStatus === 'closed')
      errors.push({ field: 'programCode', message: `program ${input.programCode} is closed` });
    else if (!refs.packageId) {
      errors.push({
        field: 'packageCode',
        message: `package ${input.packageCode} does not belong to program ${input.programCode}`,
      });
    }
    if (targetId && !refs.target)
      errors.push({ field: 'targetInstitutionId', message: `institution ${targetId} does not exist`, code: 'need_target_not_found' });
    else if (!refs.target && !input.regionCode)
      errors.push({ field: 'regionCode', message: 'regionCode is required when no target institution is named' });
    else if (!refs.regionLevel)
      errors.push({ field: 'regionCode', message: `region ${input.regionCode} is not a Jakarta region` });
    errors.push(...eligibilityErrors(refs, input.source ?? MANUAL_SOURCE, !!targetId));
    if (errors.length || !refs.packageId) throw new InvalidInputError(describe(errors), errors);
    const packageId = refs.packageId;
    // The need's region follows its target institution's, whatever the caller sent.
    const regionCode = refs.target?.regionCode ?? (input.regionCode as string);

    return this.uow.run(async (tx) => {
      const id = await this.needs.insert(tx.manager, {
        programCode: input.programCode,
        packageId,
        regionCode,
        targetInstitutionId: targetId,
        title: input.title,
        description: input.description ?? '',
        quantity: input.quantity,
        beneficiaryCount: input.beneficiaryCount ?? 0,
        source: input.source ?? MANUAL_SOURCE,
        sourceRef: input.sourceRef ?? null,
        location: input.location ?? null,
        contact: input.contact ?? null,
        dueDate: input.dueDate ?? null,
        createdBy: principal?.kind === 'user' ? principal.id : null,
      });
      if (!id)
        throw new ConflictError(
          `program ${input.programCode} already has a need with sourceRef ${input.sourceRef}`,
          { code: 'source_ref_taken' },
        );
      const created = await this.reload(tx.manager, id, principal);
      await tx.audit({ action: 'need.created', entity: 'need', entityId: id, after: auditableNeed(created) });
      return created;
    });
  }

  async update(
    id: string,
    changes: UpdateNeedInput,
    principal: Principal | null,
    expectedVersion?: number,
  ): Promise<NeedView> {
    if (changes.regionCode !== undefined || changes.source !== undefined) {
      const rule = await this.needs.ruleOf(id);
      if (rule) {
        const refs = await this.needs.references(rule.programCode, rule.packageCode, null, rule.targetInstitutionId);
        const errors = eligibilityErrors(refs, changes.source ?? rule.source, !!rule.targetInstitutionId).filter(
          (e) => e.field === 'source',
        );
        if (refs.target && changes.regionCode !== undefined && changes.regionCode !== refs.target.regionCode)
          errors.push({ field: 'regionCode', message: "the region follows the target institution's", code: 'need_target_kind' });
        if (errors.length) throw new InvalidInputError(describe(errors), errors);
      }
    }
    if (changes.regionCode !== undefined && !(await this.needs.regionExists(changes.regionCode))) {
      const errors = [
        { field: 'regionCode', message: `region ${changes.regionCode} is not a Jakarta region` },
      ];
      throw new InvalidInputError(describe(errors), errors);
    }
    if (Object.values(changes).every((v) => v === undefined)) {
      const current = await this.get(id, principal);
      assertVersion(expectedVersion, current.version);
      return current;
    }
    return this.uow.run(async (tx) => {
      const before = await this.needs
        .update(tx.manager, id, changes, EDITABLE_NEED_STATUSES, expectedVersion)
        .catch((e) => {
          throw duplicateSourceRef(e, changes.sourceRef);
        });
      if (!before) await this.explainRefusedUpdate(tx.manager, id, changes, expectedVersion);
      const after = await this.reload(tx.manager, id, principal);
      await tx.audit({
        action: 'need.updated',
        entity: 'need',
        entityId: id,
        before,
        after: auditableNeed(after),
      });
      return after;
    });
  }

  publish(id: string, principal: Principal | null, expectedVersion?: number): Promise<NeedView> {
    return this.move(id, 'publish', principal, expectedVersion);
  }

  close(id: string, principal: Principal | null, expectedVersion?: number): Promise<NeedView> {
    return this.move(id, 'close', principal, expectedVersion);
  }

  cancel(id: string, principal: Principal | null, expectedVersion?: number): Promise<NeedView> {
    return this.move(id, 'cancel', principal, expectedVersion);
  }

  private async move(
    id: string,
    transition: NeedTransition,
    principal: Principal | null,
    expectedVersion?: number,
  ): Promise<NeedView> {
    const rule = NEED_LIFECYCLE[transition];
    return this.uow.run(async (tx) => {
      if (!(await this.needs.transition(tx.manager, id, transition, expectedVersion))) {
        await this.explainRefusedTransition(tx.manager, id, transition, expectedVersion);
      }
      const after = await this.reload(tx.manager, id, principal);
      await tx.audit({ action: rule.event, entity: 'need', entityId: id, after: auditableNeed(after) });
      await tx.emit({
        type: rule.event,
        aggregateType: 'need',
        aggregateId: id,
        payload: {
          programCode: after.program.code,
          packageCode: after.package.code,
          regionCode: after.region.code,
          quantity: after.quantity,
          availableQuantity: after.availableQuantity,
          status: after.status,
        },
      });
      return after;
    });
  }

  private async reload(manager: EntityManager, id: string, principal: Principal | null): Promise<NeedView> {
    const need = await this.views.find(id, needReaderOf(principal), manager);
    if (!need) throw new NotFoundError('need', id);
    return need;
  }

  /** Always throws: the reason a guarded update changed nothing. */
  private async explainRefusedUpdate(
    manager: EntityManager,
    id: string,
    changes: NeedChanges,
    expectedVersion?: number,
  ): Promise<never> {
    const state = await this.needs.state(manager, id);
    if (!state) throw new NotFoundError('need', id);
    assertVersion(expectedVersion, state.version);
    if (!EDITABLE_NEED_STATUSES.includes(state.status)) throw editRefused(state.status);
    if (changes.quantity !== undefined && changes.quantity < state.allocatedQuantity) {
      throw new ConflictError(
        `quantity ${changes.quantity} is below the ${state.allocatedQuantity} already allocated to donors; ` +
          `it can drop to ${state.allocatedQuantity} at the least`,
        {
          code: 'need_quantity_below_allocated',
          params: { allocated: state.allocatedQuantity },
        },
      );
    }
    if (changes.sourceRef && (await this.needs.sourceRefTaken(manager, id, changes.sourceRef))) {
      throw new ConflictError(`the program already has another need with sourceRef ${changes.sourceRef}`, {
        code: 'source_ref_taken',
      });
    }
    throw new ConflictError('the need changed meanwhile; read it again and retry', {
      code: 'changed_meanwhile',
    });
  }

  /** Always throws: the reason a guarded transition changed nothing. */
  private async explainRefusedTransition(
    manager: EntityManager,
    id: string,
    transition: NeedTransition,
    expectedVersion?: number,
  ): Promise<never> {
    const state = await this.needs.state(manager, id);
    if (!state) throw new NotFoundError('need', id);
    assertVersion(expectedVersion, state.version);
    if (!NEED_LIFECYCLE[transition].from.includes(state.status))
      throw transitionRefused(transition, state.status);
    if (transition === 'publish' && state.programStatus !== 'open') {
      throw new ConflictError(
        `the program is ${state.programStatus}; needs can be published only in an open program`,
        { code: 'program_not_open' },
      );
    }
    if (transition === 'cancel' && (state.activeAllocations > 0 || state.allocatedQuantity > 0)) {
      throw new ConflictError(
        `the need has ${state.activeAllocations} active allocation(s) covering ${state.allocatedQuantity}; ` +
          'they must be released before the need can be cancelled (or close it instead)',
        {
          code: 'need_has_allocations',
          params: { count: state.activeAllocations },
        },
      );
    }
    throw new ConflictError('the need changed meanwhile; read it again and retry', {
      code: 'changed_meanwhile',
    });
  }
}

/**
 * What a package's eligibility rule finds wrong with a need: a required target kind (`jakpreneur_msme` means an MSME
 * that is a Jakpreneur member) or a required source list (the need's `source`, compared without case).
 */
export function eligibilityErrors(refs: NeedReferences, source: string, targetNamed: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const rule = refs.packageTargetKind;
  if (rule && !refs.target && !targetNamed) {
    errors.push({
      field: 'targetInstitutionId',
      message: `the package requires a target institution of kind ${rule}`,
      code: 'need_target_required',
    });
  } else if (rule && refs.target) {
    const fits =
      rule === 'jakpreneur_msme' ? refs.target.kind === 'msme' && refs.target.jakpreneurMember : refs.target.kind === rule;
    if (!fits) {
      const actual = refs.target.kind === 'msme' && !refs.target.jakpreneurMember ? 'msme (not a Jakpreneur member)' : refs.target.kind;
      errors.push({
        field: 'targetInstitutionId',
        message: `the package requires a target of kind ${rule}; this institution is a ${actual}`,
        code: 'need_target_kind',
      });
    }
  }
  if (refs.packageSourceList && source.toLowerCase() !== refs.packageSourceList.toLowerCase()) {
    errors.push({
      field: 'source',
      message: `the package requires needs from the source list ${refs.packageSourceList}; this one is from ${source}`,
      code: 'need_source_list',
    });
  }
  return errors;
}

function describe(errors: FieldError[]): string {
  return errors.length === 1
    ? `${errors[0].field}: ${errors[0].message}`
    : `${errors.length} fields are invalid`;
}

function duplicateSourceRef(error: unknown, sourceRef: string | null | undefined): unknown {
  const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
  const constraint =
    error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
  if (code === '23505' && constraint === 'uq_needs_program_source_ref') {
    return new ConflictError(`the program already has a need with sourceRef ${sourceRef}`, {
      code: 'source_ref_taken',
    });
  }
  return error;
}
