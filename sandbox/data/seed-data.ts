import type { SeededTable } from "./aytq-schema";

/**
 * Believable AYTQ/CTR rows for one environment, with their history: when each row was created and last
 * updated, spread over the past years and (densely) over the last days, so that a point-in-time restore to
 * "two days ago" visibly differs from now. Deterministic for a given seed and clock.
 */

export interface SeedRow {
  table: SeededTable;
  /** The row as it is now (column -> value, timestamps as UTC `YYYY-MM-DDTHH:MM:SS.mmm`). */
  row: Record<string, unknown>;
  createdAt: Date;
  /** Later than createdAt when the row was changed after it was created. */
  updatedAt: Date;
}

const FIRST_NAMES = ["Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy", "Leo", "Freya", "Oscar", "Grace", "Harry", "Lily", "Jack", "Sophie", "Alfie", "Evie", "Thomas", "Ruby", "Samuel", "Priya", "Mohammed", "Aisha", "Daniel", "Chloe", "Rhys", "Siobhan", "Callum"];
const LAST_NAMES = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Khan", "Begum", "Murphy", "O'Brien", "MacDonald"];
const PROVIDERS = ["University of Leeds", "UCL Institute of Education", "Manchester Metropolitan University", "University of Birmingham", "Teach First", "Sheffield Hallam University", "University of Exeter", "Bath Spa University", "Leeds Trinity University", "Now Teach"];
const SUBJECTS = ["Mathematics", "English", "Biology", "Chemistry", "Physics", "History", "Geography", "Primary", "Modern languages", "Computing", "Art and design", "Music"];
const BODIES = ["Ambition Institute", "Teaching School Hub North", "Local authority (Leeds)", "Local authority (Kent)", "Best Practice Network", "National Institute of Teaching"];

const DAY = 86_400_000;

/** mulberry32: a tiny, well-known seeded PRNG (reproducible seeds across runs; the benchmarks' arrivals use it too). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedNumber(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "");
}

function sqlDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface SeedOptions {
  /** Seeds the generator: the same environment gets the same people on every start. */
  seed: string;
  now: Date;
  /** How many days of dense, recent history (a little longer than the backup retention). */
  recentDays: number;
  /** Rows of `teachers`; the other tables scale with it. */
  teachers?: number;
}

export function generateSeedRows(options: SeedOptions): SeedRow[] {
  const rnd = seededRandom(seedNumber(options.seed));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = options.now.getTime();
  const recentStart = now - options.recentDays * DAY;
  const between = (from: number, to: number) => new Date(Math.floor(from + rnd() * Math.max(0, to - from)));
  // Most rows are old; a steady share is recent so that every day of the window has changes.
  const createdTime = (recentShare: number, oldestDays: number) => (rnd() < recentShare ? between(recentStart, now - 60_000) : between(now - oldestDays * DAY, recentStart));
  const maybeUpdated = (created: Date, share: number) => (rnd() < share ? between(created.getTime(), now - 60_000) : created);
  const rows: SeedRow[] = [];
  const add = (table: SeededTable, row: Record<string, unknown>, createdAt: Date, updatedAt = createdAt) =>
    rows.push({ table, row: { ...row, created_at: sqlTimestamp(createdAt), updated_at: sqlTimestamp(updatedAt) }, createdAt, updatedAt });

  const migrationsStart = Date.UTC(2022, 8, 14, 10, 12, 3);
  for (let i = 0; i < 32; i++) {
    const at = new Date(migrationsStart + i * 23 * DAY + Math.floor(rnd() * DAY));
    if (at.getTime() > recentStart) break;
    const version = at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
    rows.push({ table: "schema_migrations", row: { version }, createdAt: at, updatedAt: at });
  }
  const metadataAt = new Date(migrationsStart);
  add("ar_internal_metadata", { key: "environment", value: "production" }, metadataAt);

  const teacherCount = options.teachers ?? 240;
  const teachers: { id: number; createdAt: Date; lastName: string; dob: string }[] = [];
  for (let id = 1; id <= teacherCount; id++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const createdAt = createdTime(0.15, 3 * 365);
    const dob = sqlDate(between(Date.UTC(1962, 0, 1), Date.UTC(2001, 11, 31)));
    const trn = String(1000000 + id * 3719 + Math.floor(rnd() * 3000)).slice(0, 7);
    add(
      "teachers",
      { id, trn, first_name: first, last_name: last, date_of_birth: dob, email: `${first}.${last}${id}@example.org`.toLowerCase().replace(/'/g, "") },
      createdAt,
      maybeUpdated(createdAt, 0.25),
    );
    teachers.push({ id, createdAt, lastName: last, dob });
  }

  let qualificationId = 0;
  let inductionId = 0;
  for (const teacher of teachers) {
    const qts = between(teacher.createdAt.getTime() - 2 * 365 * DAY, teacher.createdAt.getTime());
    const createdAt = between(teacher.createdAt.getTime(), Math.min(now - 60_000, teacher.createdAt.getTime() + 2 * DAY));
    add(
      "qualifications",
      { id: ++qualificationId, teacher_id: teacher.id, qualification_type: "QTS", status: "Awarded", awarded_on: sqlDate(qts), provider_name: pick(PROVIDERS), subject: pick(SUBJECTS) },
      createdAt,
      maybeUpdated(createdAt, 0.1),
    );
    if (rnd() < 0.3) {
      const npqAt = between(createdAt.getTime(), now - 60_000);
      add(
        "qualifications",
        { id: ++qualificationId, teacher_id: teacher.id, qualification_type: pick(["NPQH", "NPQSL", "NPQLT", "NPQEL"]), status: pick(["Awarded", "In progress"]), awarded_on: sqlDate(npqAt), provider_name: pick(PROVIDERS), subject: null },
        npqAt,
      );
    }
    if (rnd() < 0.7) {
      const started = between(createdAt.getTime(), now - 60_000);
      const status = pick(["Pass", "Pass", "In progress", "Exempt"]);
      add(
        "induction_records",
        { id: ++inductionId, teacher_id: teacher.id, status, started_on: sqlDate(started), completed_on: status === "Pass" ? sqlDate(new Date(Math.min(now, started.getTime() + 365 * DAY))) : null, appropriate_body_name: pick(BODIES) },
        started,
        maybeUpdated(started, 0.3),
      );
    }
  }
  reorderIds(rows, "qualifications");
  reorderIds(rows, "induction_records");

  for (let id = 1; id <= Math.round(teacherCount * 0.4); id++) {
    const teacher = pick(teachers);
    const createdAt = createdTime(0.2, 2 * 365);
    const signedIn = maybeUpdated(createdAt, 0.6);
    add("users", { id, email: `user${id}.${teacher.lastName}@example.org`.toLowerCase().replace(/'/g, ""), name: `${pick(FIRST_NAMES)} ${teacher.lastName}`, trn: null, one_login_uid: `urn:fdc:gov.uk:2022:${seedNumber(`${options.seed}${id}`).toString(36)}`, last_signed_in_at: sqlTimestamp(signedIn) }, createdAt, signedIn);
  }
  reorderIds(rows, "users");

  for (let id = 1; id <= 10; id++) {
    const createdAt = createdTime(0.05, 2 * 365);
    add("staff", { id, email: `ctr.staff${id}@education.gov.uk` }, createdAt);
  }
  reorderIds(rows, "staff");

  for (let id = 1; id <= Math.round(teacherCount * 1.2); id++) {
    const teacher = pick(teachers);
    const createdAt = between(recentStart, now - 60_000);
    add("search_logs", { id, staff_id: 1 + Math.floor(rnd() * 10), last_name: teacher.lastName, date_of_birth: teacher.dob, result_returned: rnd() < 0.8, service: "ctr" }, createdAt);
  }
  reorderIds(rows, "search_logs");
  // Serial ids rise with time in real life; teachers last, as the other tables refer to them.
  reorderIds(rows, "teachers");
  return rows;
}

/** Renumbers a table's ids in order of creation (a serial id rises with time), keeping references stable. */
function reorderIds(rows: SeedRow[], table: SeededTable): void {
  const own = rows.filter((r) => r.table === table).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const mapping = new Map<unknown, number>();
  own.forEach((r, index) => mapping.set(r.row.id, index + 1));
  for (const r of own) r.row.id = mapping.get(r.row.id);
  if (table === "teachers") {
    for (const r of rows) {
      if (r.table !== "teachers" && "teacher_id" in r.row) r.row.teacher_id = mapping.get(r.row.teacher_id) ?? r.row.teacher_id;
    }
  }
}
