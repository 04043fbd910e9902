import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { oneOf } from '../database/columns';

export const COLLABORATOR_TYPES = ['individual', 'business', 'government', 'civil_society', 'foreign'] as const;
export type CollaboratorType = (typeof COLLABORATOR_TYPES)[number];
export const COLLABORATOR_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type CollaboratorStatus = (typeof COLLABORATOR_STATUSES)[number];

@Entity('collaborators')
@Check('ck_collaborators_type', oneOf('type', COLLABORATOR_TYPES))
@Check('ck_collaborators_status', oneOf('status', COLLABORATOR_STATUSES))
@Index('ix_collaborators_type_status', ['type', 'status'])
@Index('ix_collaborators_status_created', ['status', 'createdAt'])
export class Collaborator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  type: CollaboratorType;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Look-alike skeleton of the name, written by the database on every insert and update (common/confusable-skeleton.ts). */
  @Index('ix_collaborators_name_skeleton')
  @Column({ type: 'text', select: false, insert: false, update: false })
  nameSkeleton?: string;

  @Column({ type: 'varchar', length: 2, default: 'ID' })
  country: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  registrationNumber: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  taxNumber: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  picName: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: CollaboratorStatus;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  /** Individuals appear by name on public scorecards only when they opt in. */
  @Column({ type: 'boolean', default: false })
  publicOptIn: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
