import { Readable } from 'node:stream';
import { csvField } from '../common/csv';
import type { AuditEntryRow } from './audit.repository';

/** The time in WIB (UTC+7) as ISO 8601 with its offset, e.g. `2026-12-03T15:04:05+07:00`. */
export function wibIso(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

const COLUMNS: [header: string, value: (r: AuditEntryRow) => string | null][] = [
  ['at_wib', (r) => wibIso(r.at)],
  ['actor_kind', (r) => r.actorKind],
  ['actor_id', (r) => r.actorId],
  ['actor_name', (r) => r.actorName],
  ['actor_role', (r) => r.actorRole],
  ['actor_aggregator', (r) => r.actorAggregatorName],
  ['action', (r) => r.action],
  ['object_type', (r) => r.entity],
  ['object_id', (r) => r.entityId],
  ['object_label', (r) => r.objectLabel],
  ['ip', (r) => r.ip],
  ['request_id', (r) => r.requestId],
];

/**
 * The audit entries as CSV, line by line as they are read: a UTF-8 byte-order mark, the header, one line per entry.
 * Every cell is text, so one that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is defused.
 */
export function auditCsv(rows: AsyncIterable<AuditEntryRow>): Readable {
  const line = (cells: string[]): string => `${cells.join(',')}\r\n`;
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${line(COLUMNS.map(([h]) => h))}`;
    for await (const row of rows) yield line(COLUMNS.map(([, value]) => csvField(value(row), true)));
  }
  return Readable.from(lines(), { objectMode: false });
}
