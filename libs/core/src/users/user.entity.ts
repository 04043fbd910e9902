import { Check, JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { oneOf } from '../database/columns';
import { Aggregator } from '../aggregators/aggregator.entity';
import { Collaborator } from '../collaborators/collaborator.entity';
import { Region } from '../regions/region.entity';

import { ROLES, type Role } from '../common/roles';

export { ROLES } from '../common/roles';
export type { Role } from '../common/roles';
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

@Entity('users')
@Check('ck_users_role', oneOf('role', ROLES))
@Check('ck_users_membership', "(role = 'collaborator') = (collaborator_id IS NOT NULL) AND (role = 'aggregator') = (aggregator_id IS NOT NULL)")
@Check('ck_users_kelurahan', "(role = 'kelurahan') = (kelurahan_code IS NOT NULL)")
@Index('ix_users_collaborator', ['collaboratorId'])
@Index('ix_users_aggregator', ['aggregatorId'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  /** Look-alike skeleton of the email, written by the database on every insert and update (common/confusable-skeleton.ts). */
  @Index('ix_users_email_skeleton')
  @Column({ type: 'text', select: false, insert: false, update: false })
  emailSkeleton?: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  collaboratorId: string | null;

  @ManyToOne(() => Collaborator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'collaborator_id' })
  collaborator?: Collaborator;

  @Column({ type: 'uuid', nullable: true })
  aggregatorId: string | null;

  @ManyToOne(() => Aggregator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'aggregator_id' })
  aggregator?: Aggregator;

  /** The one kelurahan a `kelurahan` officer works for (and sees); null for every other role. */
  @Column({ type: 'varchar', length: 40, nullable: true, collation: 'C' })
  kelurahanCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kelurahan_code', referencedColumnName: 'code' })
  kelurahan?: Region;

  @Column({ type: 'varchar', length: 2, default: 'id' })
  language: Language;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Moves on when the account's sessions must end (role or organisation change, deactivation, password change,
   * sign-out): access tokens carry it and are refused once it differs. Changed only by an atomic UPDATE.
   */
  @Column({ type: 'integer', default: 0, update: false })
  sessionVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /**
   * When the user proved they read this mailbox (the sign-up's verification link). Accounts that staff create, and
   * every account older than the check, count as verified (the column's default); only self sign-up writes NULL.
   */
  @Column({ type: 'timestamptz', nullable: true, default: () => 'now()' })
  emailVerifiedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
