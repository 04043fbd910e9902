import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Gap-free counters (`KOM/PANGAN/2026`, `BAST/PANGAN/2026`): incremented in the same transaction that uses them. */
@Entity('number_sequences')
export class NumberSequence {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope: string;

  @Column({ type: 'int' })
  lastValue: number;
}
