import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertVersion, ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { UnitOfWork } from '../database/unit-of-work';
import { AidPackage, BeneficiaryKind, PackageTargetKind } from './package.entity';
import { Program, ProgramStatus } from './program.entity';
import { ProgramsRepository } from './programs.repository';

export interface ProgramInput {
  code: string;
  name: string;
  description?: string;
  status?: ProgramStatus;
  opensAt?: Date | null;
  closesAt?: Date | null;
  eligibility?: string;
  claimHoldDays?: number;
  requiresKelurahanConfirmation?: boolean;
}

export interface PackageInput {
  code: string;
  name: string;
  unit: string;
  unitValueMin?: number;
  unitValueMax?: number;
  workItems?: string[];
  beneficiaryKind: BeneficiaryKind;
  /** eligibility rule: the kind of institution a need for this package must target (null: none required) */
  targetKind?: PackageTargetKind | null;
  /** eligibility rule: the source list a need for this package must come from (null: any) */
  sourceList?: string | null;
}

/** Programs and packages are data: an operator can add one (e.g. TENAGA_KERJA) without a release. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly programs: ProgramsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  list(status?: ProgramStatus): Promise<Program[]> {
    return this.programs.list(status);
  }

  async get(code: string, manager?: EntityManager): Promise<Program> {
    const program = await this.programs.findByCode(code, manager);
    if (!program) throw new NotFoundError('program', code);
    return program;
  }

  async create(input: ProgramInput): Promise<Program> {
    assertWindow(input.opensAt, input.closesAt);
    return this.uow.run(async (tx) => {
      if (await this.programs.findByCode(input.code, tx.manager)) throw new ConflictError(`program ${input.code} already exists`);
      const program = await this.programs.insert(tx.manager, { ...input, status: input.status ?? 'draft' });
      await tx.audit({ action: 'program.created', entity: 'program', entityId: program.code, after: program });
      return program;
    });
  }

  async update(code: string, input: Partial<Omit<ProgramInput, 'code'>>, expectedVersion?: number): Promise<Program> {
    return this.uow.run(async (tx) => {
      const program = await this.programs.lockByCode(tx.manager, code);
      if (!program) throw new NotFoundError('program', code);
      assertVersion(expectedVersion, program.version);
      const before = { ...program };
      Object.assign(program, stripUndefined(input));
      assertWindow(program.opensAt, program.closesAt);
      const saved = await this.programs.save(tx.manager, program);
      await tx.audit({ action: 'program.updated', entity: 'program', entityId: code, before, after: saved });
      return saved;
    });
  }

  async packages(programCode: string): Promise<AidPackage[]> {
    await this.get(programCode);
    return this.programs.packagesOf(programCode);
  }

  async getPackage(id: string): Promise<AidPackage> {
    const pkg = await this.programs.findPackage(id);
    if (!pkg) throw new NotFoundError('package', id);
    return pkg;
  }

  async createPackage(programCode: string, input: PackageInput): Promise<AidPackage> {
    assertValueRange(input.unitValueMin ?? 0, input.unitValueMax ?? input.unitValueMin ?? 0);
    return this.uow.run(async (tx) => {
      await this.get(programCode, tx.manager);
      if (await this.programs.findPackageByCode(tx.manager, programCode, input.code)) {
        throw new ConflictError(`package ${input.code} already exists in ${programCode}`);
      }
      const pkg = await this.programs.insertPackage(tx.manager, {
        ...input,
        programCode,
        unitValueMin: input.unitValueMin ?? 0,
        unitValueMax: input.unitValueMax ?? input.unitValueMin ?? 0,
        workItems: input.workItems ?? [],
      });
      await tx.audit({ action: 'package.created', entity: 'package', entityId: pkg.id, after: pkg });
      return pkg;
    });
  }

  async updatePackage(id: string, input: Partial<Omit<PackageInput, 'code'>>, expectedVersion?: number): Promise<AidPackage> {
    return this.uow.run(async (tx) => {
      const pkg = await this.programs.lockPackage(tx.manager, id);
      if (!pkg) throw new NotFoundError('package', id);
      assertVersion(expectedVersion, pkg.version);
      const before = { ...pkg };
      Object.assign(pkg, stripUndefined(input));
      assertValueRange(pkg.unitValueMin, pkg.unitValueMax);
      const saved = await this.programs.savePackage(tx.manager, pkg);
      await tx.audit({ action: 'package.updated', entity: 'package', entityId: id, before, after: saved });
      return saved;
    });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function assertWindow(opensAt?: Date | null, closesAt?: Date | null): void {
  if (opensAt && closesAt && closesAt <= opensAt) {
    throw new InvalidInputError('closesAt must be after opensAt', [{ field: 'closesAt', message: 'must be after opensAt' }]);
  }
}

function assertValueRange(min: number, max: number): void {
  if (max < min) {
    throw new InvalidInputError('unitValueMax must not be below unitValueMin', [
      { field: 'unitValueMax', message: 'must be at least unitValueMin' },
    ]);
  }
}
