import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Handover } from './handover.entity';

/** The documents a handover may carry: photos and PDFs, recognised by their content. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A photo (JPEG/PNG) or PDF of a handover, stored through the storage interface under `storageKey`. */
@Entity('handover_attachments')
@Index('ix_handover_attachments_handover', ['handoverId', 'createdAt'])
export class HandoverAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  handoverId: string;

  @ManyToOne(() => Handover, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handover_id' })
  handover?: Handover;

  /** One of ATTACHMENT_TYPES, as detected from the content. */
  @Column({ type: 'varchar', length: 64 })
  contentType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  originalName: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
