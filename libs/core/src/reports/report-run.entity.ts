import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ReportSchedule } from './report-schedule.entity';

export const REPORT_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

/** One rendering of a report. Unique per (schedule, tick): two workers never produce the same run twice. */
@Entity('report_runs')
@Index('uq_report_runs_tick', ['scheduleId', 'scheduledFor'], { unique: true })
@Index('ix_report_runs_created', ['createdAt'])
export class ReportRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  scheduleId: string | null;

  @ManyToOne(() => ReportSchedule, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'schedule_id' })
  schedule?: ReportSchedule;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledFor: Date | null;

  @Column({ type: 'varchar', length: 32 })
  report: string;

  @Column({ type: 'varchar', length: 8 })
  format: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: ReportRunStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  storageKey: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contentType: string | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
