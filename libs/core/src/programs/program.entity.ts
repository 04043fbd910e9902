import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { oneOf } from '../database/columns';

export const PROGRAM_STATUSES = ['draft', 'open', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

@Entity('programs')
@Check('ck_programs_status', oneOf('status', PROGRAM_STATUSES))
@Check('ck_programs_hold', 'claim_hold_days BETWEEN 1 AND 365')
export class Program {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ProgramStatus;

  @Column({ type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ type: 'text', default: '' })
  eligibility: string;

  @Column({ type: 'int', default: 14 })
  claimHoldDays: number;

  /** An operator may verify a handover of this program only once its kelurahan officer has confirmed it. */
  @Column({ type: 'boolean', default: false })
  requiresKelurahanConfirmation: boolean;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
