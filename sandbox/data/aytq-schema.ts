/**
 * The application schema every emulated server holds: AYTQ/CTR-like tables as a Rails app would have them
 * (bigint ids, timestamp(6) created_at/updated_at, schema_migrations). The services' health checks
 * (sandbox/services) check these tables; the sandbox's history triggers watch them.
 */

/** Tables the sandbox creates, seeds, records history for and restores. Order = creation order. */
export const SEEDED_TABLES = [
  "schema_migrations",
  "ar_internal_metadata",
  "teachers",
  "qualifications",
  "induction_records",
  "users",
  "staff",
  "search_logs",
] as const;

export type SeededTable = (typeof SEEDED_TABLES)[number];

/** Tables the app's "database_integrity" check expects (Rails models; not the framework's own tables). */
export const MODEL_TABLES: readonly SeededTable[] = ["teachers", "qualifications", "induction_records", "users", "staff", "search_logs"];

export const APPLICATION_DDL = `
create table public.schema_migrations (version character varying not null primary key);
create table public.ar_internal_metadata (
  key character varying not null primary key,
  value character varying,
  created_at timestamp(6) without time zone not null,
  updated_at timestamp(6) without time zone not null
);
create table public.teachers (
  id bigserial primary key,
  trn character varying(7) not null,
  first_name character varying not null,
  last_name character varying not null,
  date_of_birth date not null,
  email character varying,
  created_at timestamp(6) without time zone not null,
  updated_at timestamp(6) without time zone not null
);
create unique index index_teachers_on_trn on public.teachers (trn);
create table public.qualifications (
  id bigserial primary key,
  teacher_id bigint not null,
  qualification_type character varying not null,
  status character varying not null,
  awarded_on date,
  provider_name character varying,
  subject character varying,
  created_at timestamp(6) without time zone not null,
  updated_at timestamp(6) without time zone not null
);
create index index_qualifications_on_teacher_id on public.qualifications (teacher_id);
create table public.induction_records (
  id bigserial primary key,
  teacher_id bigint not null,
  status character varying not null,
  started_on date,
  completed_on date,
  appropriate_body_name character varying,
  created_at timestamp(6) without time zone not null,
  updated_at timestamp(6) without time zone not null
);
create index index_induction_records_on_teacher_id on public.induction_records (teacher_id);
create table public.users (
  id bigserial primary key,
  email character varying not null,
  name character varying,
  trn character varying(7),
  one_login_uid character varying,
  last_signed_in_at timestamp(6) without time zone,
  created_at timestamp(6) without time zone not null,
  updated_at timestamp(6) without time zone not null
);
create unique index index_users_on_email on public.users (email);
create table public.staff (
  id bigserial primary key,
  email character varying not null,
  created_at timestamp(6) without time zone not null,
  updated_at timestamp(6) without time zone not null
);
create table public.search_logs (
  id bigserial primary key,
  staff_id bigint,
  last_name character varying not null,
  date_of_birth date not null,
  result_returned boolean not null default false,
  service character varying not null default 'ctr',
  created_at timestamp(6) without time zone not null,
  updated_at timestamp(6) without time zone not null
);
create index index_search_logs_on_created_at on public.search_logs (created_at);
`;

/**
 * The history machinery inside each emulated server's database: row triggers write every change to an outbox
 * that the sandbox drains (every second) into its own history database. The outbox keeps dumps of the live
 * database harmless: at most a second of changes, each with a unique id that is never drained twice.
 * Each entry carries its transaction id, so a base copy (which records its snapshot) knows exactly which
 * changes it already holds. `set sandbox.replaying = on` in a session turns the triggers off (the sandbox's
 * own restores).
 */
export const HISTORY_MACHINERY_DDL = `
create schema if not exists sandbox_history;
create table if not exists sandbox_history.outbox (
  id bigserial primary key,
  entry_id uuid not null default gen_random_uuid(),
  at timestamptz not null default clock_timestamp(),
  table_name text not null,
  op text not null,
  old_row jsonb,
  new_row jsonb
);
alter table sandbox_history.outbox add column if not exists xid xid8 not null default pg_current_xact_id();
create or replace function sandbox_history.log_row() returns trigger language plpgsql as $fn$
begin
  if coalesce(current_setting('sandbox.replaying', true), '') = 'on' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    insert into sandbox_history.outbox (table_name, op, new_row) values (tg_table_name, 'INSERT', to_jsonb(new));
  elsif tg_op = 'UPDATE' then
    insert into sandbox_history.outbox (table_name, op, old_row, new_row) values (tg_table_name, 'UPDATE', to_jsonb(old), to_jsonb(new));
  else
    insert into sandbox_history.outbox (table_name, op, old_row) values (tg_table_name, 'DELETE', to_jsonb(old));
  end if;
  return null;
end
$fn$;
create or replace function sandbox_history.log_truncate() returns trigger language plpgsql as $fn$
begin
  if coalesce(current_setting('sandbox.replaying', true), '') = 'on' then
    return null;
  end if;
  insert into sandbox_history.outbox (table_name, op) values (tg_table_name, 'TRUNCATE');
  return null;
end
$fn$;
`;

/** (Re)attaches the history triggers to one table; idempotent. */
export function historyTriggersDdl(table: string): string {
  const t = `public."${table.replace(/"/g, '""')}"`;
  return `
create or replace trigger sandbox_history_row after insert or update or delete on ${t}
  for each row execute function sandbox_history.log_row();
create or replace trigger sandbox_history_truncate after truncate on ${t}
  for each statement execute function sandbox_history.log_truncate();
`;
}
