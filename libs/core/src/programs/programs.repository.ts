import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AidPackage } from './package.entity';
import { Program, ProgramStatus } from './program.entity';

/** Programs and their aid packages. */
@Injectable()
export class ProgramsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private programs(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Program);
  }

  private packages(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AidPackage);
  }

  list(status?: ProgramStatus): Promise<Program[]> {
    return this.dataSource
      .getRepository(Program)
      .find({ where: status ? { status } : {}, order: { code: 'ASC' } });
  }

  findByCode(code: string, manager?: EntityManager): Promise<Program | null> {
    return this.programs(manager).findOneBy({ code });
  }

  /** Locks the row for the rest of the transaction. */
  lockByCode(manager: EntityManager, code: string): Promise<Program | null> {
    return this.programs(manager)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.code = :code', { code })
      .getOne();
  }

  insert(manager: EntityManager, program: Partial<Program>): Promise<Program> {
    return this.programs(manager).save(this.programs(manager).create(program));
  }

  save(manager: EntityManager, program: Program): Promise<Program> {
    return this.programs(manager).save(program);
  }

  packagesOf(programCode: string): Promise<AidPackage[]> {
    return this.dataSource.getRepository(AidPackage).find({ where: { programCode }, order: { code: 'ASC' } });
  }

  findPackage(id: string): Promise<AidPackage | null> {
    return this.dataSource.getRepository(AidPackage).findOneBy({ id });
  }

  findPackageByCode(manager: EntityManager, programCode: string, code: string): Promise<AidPackage | null> {
    return this.packages(manager).findOneBy({ programCode, code });
  }

  /** Locks the row for the rest of the transaction. */
  lockPackage(manager: EntityManager, id: string): Promise<AidPackage | null> {
    return this.packages(manager)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
  }

  insertPackage(manager: EntityManager, pkg: Partial<AidPackage>): Promise<AidPackage> {
    return this.packages(manager).save(this.packages(manager).create(pkg));
  }

  savePackage(manager: EntityManager, pkg: AidPackage): Promise<AidPackage> {
    return this.packages(manager).save(pkg);
  }
}
