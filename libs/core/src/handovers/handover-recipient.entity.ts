import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Handover } from './handover.entity';

/** A beneficiary of a handover. The NIK is never stored: only its keyed hash (for duplicate checks) and a mask. */
@Entity('handover_recipients')
@Index('ix_handover_recipients_lookup', ['programCode', 'year', 'nikHash'])
@Index('ix_handover_recipients_handover', ['handoverId'])
export class HandoverRecipient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  handoverId: string;

  @ManyToOne(() => Handover, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handover_id' })
  handover?: Handover;

  @Column({ type: 'varchar', length: 32 })
  programCode: string;

  @Column({ type: 'int' })
  year: number;

  /** HMAC-SHA256(NIK_HMAC_SECRET, nik) */
  @Column({ type: 'varchar', length: 64 })
  nikHash: string;

  /** e.g. `3171********0001` */
  @Column({ type: 'varchar', length: 16 })
  nikMasked: string;

  /** The recipient's name: personal data, shown to operators only. */
  @Column({ type: 'varchar', length: 200, default: '' })
  name: string;
}
