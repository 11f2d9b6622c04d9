import type { ServerRef } from "../azure-postgres/port";

/**
 * Read-only questions to an application database, in our own types (real adapter: pg). The console asks one: how
 * many rows were written after a restore point, counted on the live server just before a restore overwrites it, so
 * that the incident records the data the restore loses.
 */

export interface RowsWrittenSince {
  /** Rows inserted or updated after `since`, per application table (tables with created_at/updated_at columns). */
  tables: Record<string, number>;
  /** Their sum: the rows written after the restore point. */
  rowsWrittenAfterRestorePoint: number;
  since: string;
  measuredAt: string;
}

export interface DatabasePort {
  countRowsWrittenSince(options: { server: ServerRef; database: string; since: string }): Promise<RowsWrittenSince>;
}
