import { z } from "zod";

/**
 * The incident report as data: what the report page shows and every export (Markdown, Word, JSON) is written from.
 * The JSON export IS this object, so its shape is versioned: `schemaVersion` changes when a field is renamed or
 * removed (adding an optional field does not). The JSON Schema is generated from this zod schema
 * (lib/reports/build-report-json-schema.ts) and kept in incident-report.schema.json, checked by a test.
 */

export const REPORT_SCHEMA_VERSION = 1 as const;

/** A moment: ISO 8601 UTC, and a text with UK local time beside it. */
export const reportTimeSchema = z.object({
  utc: z.iso.datetime({ offset: true }),
  text: z.string(),
});
export type ReportTime = z.infer<typeof reportTimeSchema>;

export const reportDurationSchema = z.object({
  seconds: z.number().int().min(0),
  text: z.string(),
});
export type ReportDuration = z.infer<typeof reportDurationSchema>;

const person = z.object({ id: z.string(), name: z.string() });

export const milestoneKeys = ["service-stopped", "detected", "data-restored", "healthy-again", "closed"] as const;
export type MilestoneKey = (typeof milestoneKeys)[number];

export const milestoneSchema = z.object({
  key: z.enum(milestoneKeys),
  label: z.string(),
  at: reportTimeSchema,
  /** Which record the time was measured from. */
  basis: z.string(),
});

export const phaseSchema = z.object({
  from: z.enum(milestoneKeys),
  to: z.enum(milestoneKeys),
  label: z.string(),
  duration: reportDurationSchema,
});

export const dataLossSchema = z.object({
  method: z.enum(["point-in-time-restore", "revive-dropped-server", "backup-restore", "not-restored"]),
  /** The point the data was restored to: the PTR or revive point, or the time of the backup used. */
  restorePoint: reportTimeSchema.nullable(),
  /** The moment data stopped being written (server deleted, service stopped), when known. */
  disasterAt: reportTimeSchema.nullable(),
  disasterBasis: z.string().nullable(),
  /** RPO measured: the span of writes lost (0 when the restore point is after the disaster). */
  window: reportDurationSchema.nullable(),
  explanation: z.string(),
  backup: z
    .object({ name: z.string(), createdAt: reportTimeSchema, age: reportDurationSchema.nullable() })
    .nullable(),
  /** Rows written after the restore point (lost unless reconciled), when a step or operation counted them. */
  rowsWrittenAfterRestorePoint: z.number().int().min(0).nullable(),
  rowsSource: z.string().nullable(),
});
export type ReportDataLoss = z.infer<typeof dataLossSchema>;

export const reportOperationSchema = z.object({
  id: z.string(),
  system: z.string(),
  kind: z.string(),
  status: z.string(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  sendAttempts: z.number().int().min(0),
  startedAt: reportTimeSchema.nullable(),
  finishedAt: reportTimeSchema.nullable(),
  error: z.string().nullable(),
});

export const reportStepSchema = z.object({
  position: z.number().int().min(1),
  id: z.string(),
  title: z.string(),
  kind: z.enum(["manual", "operation", "verification", "decision"]),
  optional: z.boolean(),
  /** The option the step belongs to, and whether the incident followed it. */
  branch: z.string().nullable(),
  onFollowedBranch: z.boolean(),
  state: z.enum(["pending", "ready", "awaiting_approval", "running", "succeeded", "failed", "skipped"]),
  /** Everyone who requested, approved or last acted on it. */
  who: z.array(person),
  startedAt: reportTimeSchema.nullable(),
  finishedAt: reportTimeSchema.nullable(),
  duration: reportDurationSchema.nullable(),
  attempts: z.number().int().min(0),
  attemptDetails: z.array(
    z.object({
      number: z.number().int().min(1),
      state: z.string(),
      manual: z.boolean(),
      requestedBy: person,
      approvedBy: person.nullable(),
      startedAt: reportTimeSchema.nullable(),
      finishedAt: reportTimeSchema.nullable(),
      error: z.string().nullable(),
    }),
  ),
  operations: z.array(reportOperationSchema),
  /** One line: what came of it. */
  outcome: z.string(),
});
export type ReportStep = z.infer<typeof reportStepSchema>;

export const reportNoteSchema = z.object({
  kind: z.enum(["note", "decision"]),
  at: reportTimeSchema,
  by: person,
  stepId: z.string().nullable(),
  text: z.string(),
});

export const problemSchema = z.object({
  kind: z.enum(["failed-attempt", "retry", "resent", "step-failed", "voided-approval"]),
  stepId: z.string(),
  at: reportTimeSchema.nullable(),
  text: z.string(),
});
export type ReportProblem = z.infer<typeof problemSchema>;

export const timelineEntrySchema = z.object({
  at: reportTimeSchema,
  who: z.string(),
  stepId: z.string().nullable(),
  text: z.string(),
  /** The audit row it comes from (null for a measured milestone such as detection). */
  auditId: z.string().nullable(),
});

export const followUpSchema = z.object({
  id: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  owner: z.string().nullable(),
  cardUrl: z.string().nullable(),
  status: z.enum(["open", "raised", "done", "dropped"]),
});
export type ReportFollowUp = z.infer<typeof followUpSchema>;

export const checklistItemSchema = z.object({
  item: z.string(),
  label: z.string(),
  done: z.boolean(),
  doneAt: reportTimeSchema.nullable(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const auditSummarySchema = z.object({
  /** Each of this incident's rows matches its hash and names the row just before it in the trail (lib/audit/verify-incident-audit.ts). */
  chainOk: z.boolean(),
  rowsChecked: z.number().int().min(0),
  checkedAt: reportTimeSchema,
  brokenAt: z.object({ id: z.string(), reason: z.string(), message: z.string() }).nullable(),
  /** This incident's rows: how many, and the last one's id and hash (removing later rows would change them). */
  incidentRows: z.number().int().min(0),
  lastRowId: z.string().nullable(),
  lastRowHash: z.string().nullable(),
});

export const incidentReportSchema = z.object({
  /** The JSON Schema this document follows (set in the JSON export). */
  $schema: z.string().optional(),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: reportTimeSchema,
  summary: z.object({
    incidentId: z.string().uuid(),
    title: z.string(),
    service: z.object({ key: z.string(), name: z.string(), services: z.array(z.object({ key: z.string(), name: z.string() })) }),
    environment: z.object({ key: z.string(), label: z.string(), production: z.boolean() }),
    scenario: z.object({ id: z.string(), title: z.string() }),
    option: z.object({ id: z.string(), title: z.string() }).nullable(),
    mode: z.enum(["incident", "drill"]),
    status: z.enum(["open", "resolved", "abandoned"]),
    closeReason: z.string().nullable(),
    lead: person,
    participants: z.array(person.extend({ role: z.string() })),
    openedAt: reportTimeSchema,
  }),
  times: z.object({
    /** In time order; a milestone not reached (or not measurable) is absent and listed in `missing`. */
    milestones: z.array(milestoneSchema),
    missing: z.array(z.object({ key: z.enum(milestoneKeys), reason: z.string() })),
    /** Between consecutive milestones: they add up to `total`. */
    phases: z.array(phaseSchema),
    total: reportDurationSchema.nullable(),
    /** RTO measured: healthy again minus service stopped. */
    rto: reportDurationSchema.nullable(),
    restorePoint: reportTimeSchema.nullable(),
  }),
  dataLoss: dataLossSchema,
  timeline: z.array(timelineEntrySchema),
  steps: z.array(reportStepSchema),
  decisions: z.array(reportNoteSchema),
  notes: z.array(reportNoteSchema),
  problems: z.array(problemSchema),
  followUps: z.array(followUpSchema),
  postReviewChecklist: z.array(checklistItemSchema),
  audit: auditSummarySchema,
  /** The fields of the DR test template (teacher-services-cloud disaster-recovery-testing.md). */
  drTestTemplate: z.object({
    date: reportTimeSchema,
    environment: z.string(),
    scenariosRun: z.array(z.string()),
    timeTaken: reportDurationSchema.nullable(),
    outcome: z.enum(["success", "fail", "not recorded"]),
    issues: z.array(z.string()),
  }),
});

export type IncidentReport = z.infer<typeof incidentReportSchema>;
