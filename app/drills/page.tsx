import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "luxon";
import { can } from "@/lib/auth/capabilities";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { getService } from "@/lib/catalogue/catalogue";
import { buildDrillCalendar } from "@/lib/drills/build-drill-calendar";
import { buildDrillMatrix } from "@/lib/drills/build-drill-matrix";
import { CADENCES } from "@/lib/drills/cadence";
import { listDrills } from "@/lib/drills/list-drills";
import { listServiceList } from "@/lib/drills/list-service-list";
import { ValidationError } from "@/lib/errors";
import { listReminders } from "@/lib/notifications/list-reminders";
import { scenarios } from "@/lib/runbooks/scenarios";
import { capitalise } from "@/lib/ui/capitalise";
import { TimeText } from "@/app/_components/time-text";
import { CadenceForm } from "./_components/cadence-form";
import { ReminderList } from "./_components/reminder-list";
import { ScheduleDrillForm } from "./_components/schedule-drill-form";
import "./drills.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "DR tests" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const STATUS_TAG: Record<string, string> = { scheduled: "govuk-tag--blue", started: "govuk-tag--turquoise", completed: "govuk-tag--green", cancelled: "govuk-tag--grey" };

/** DR tests: reminders, the matrix (last test, due, overdue), the calendar and its feed, scheduling, the service list. */
export default async function DrillsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor({ capability: "read" });
  const search = await searchParams;
  const now = new Date();
  const monthParam = one(search.month);
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : undefined;
  const service = getService("aytq");
  const [reminders, matrix, calendar, drills, serviceList] = await Promise.all([
    listReminders(),
    buildDrillMatrix({ now }),
    buildDrillCalendar({ month, now }).catch((error: unknown) => {
      if (error instanceof ValidationError) return buildDrillCalendar({ now });
      throw error;
    }),
    listDrills({ filter: { from: DateTime.fromJSDate(now).minus({ days: 90 }).toISO()!, limit: 100 } }),
    listServiceList({ limit: 20 }),
  ]);
  const scheduledId = one(search.scheduled);
  const justScheduled = drills.find((d) => d.id === scheduledId);
  const isAdmin = can(actor.role, "admin");
  const environments = service.environments.map((e) => ({ key: e.key, label: capitalise(e.label), production: e.production }));

  return (
    <>
      <h1 className="govuk-heading-l">DR tests</h1>
      {justScheduled && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="scheduled-title" data-testid="scheduled-banner">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="scheduled-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              DR test scheduled for {justScheduled.scheduledLocalText}.{" "}
              <Link className="govuk-notification-banner__link" href={`/drills/${justScheduled.id}`}>
                See the DR test
              </Link>
            </p>
          </div>
        </div>
      )}
      {reminders.length > 0 && <ReminderList reminders={reminders} canDismiss={can(actor.role, "act")} />}
      <p className="govuk-body">
        Each scenario is tested in each environment on its cadence; a test counts once its outcome is recorded. Times are in UK time with UTC beside them.
      </p>

      <h2 className="govuk-heading-m" id="matrix">
        Scenarios and environments
      </h2>
      <div className="app-table-scroll" role="region" aria-label="Scenarios and environments, scrollable" tabIndex={0}>
        <table className="govuk-table app-drill-matrix" data-testid="drill-matrix">
          <caption className="govuk-table__caption govuk-table__caption--s">The last test, the cadence and the next due date of each scenario in each environment</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Scenario</th>
              {environments.map((e) => (
                <th scope="col" className="govuk-table__header" key={e.key}>{e.label}</th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {matrix.rows.map((row) => (
              <tr className="govuk-table__row" key={row.scenario.id}>
                <th scope="row" className="govuk-table__header">{row.scenario.title}</th>
                {row.cells.map((cell) => (
                  <td className="govuk-table__cell" key={cell.environment.key} data-testid={`cell-${row.scenario.id}-${cell.environment.key}`}>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      Last test:{" "}
                      {cell.lastTest ? (
                        <>
                          <TimeText time={cell.lastTest.at} />{" "}
                          <strong className={`govuk-tag ${cell.lastTest.result === "success" ? "govuk-tag--green" : "govuk-tag--red"}`}>{cell.lastTest.result === "success" ? "Success" : "Fail"}</strong>
                        </>
                      ) : (
                        "never"
                      )}
                    </p>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">{cell.cadence ? `${cell.cadence.label}, ${cell.cadence.startsLocalText}` : "No cadence set"}</p>
                    {cell.nextDue && (
                      <p className="govuk-body-s govuk-!-margin-bottom-1">
                        Due: <TimeText time={cell.nextDue} /> {cell.overdue && <strong className="govuk-tag govuk-tag--red">{cell.overdueText}</strong>}
                      </p>
                    )}
                    {cell.nextScheduled && (
                      <p className="govuk-body-s govuk-!-margin-bottom-0">
                        <Link className="govuk-link" href={`/drills/${cell.nextScheduled.drillId}`}>
                          Scheduled: <TimeText time={cell.nextScheduled.at} />
                        </Link>
                      </p>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="govuk-heading-m" id="calendar">
        Calendar
      </h2>
      <nav className="govuk-pagination govuk-pagination--block app-calendar-nav" aria-label="Months">
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" href={`/drills?month=${calendar.previous}#calendar`} rel="prev">
            <span className="govuk-pagination__link-title">Previous month</span>
          </Link>
        </div>
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" href={`/drills?month=${calendar.next}#calendar`} rel="next">
            <span className="govuk-pagination__link-title">Next month</span>
          </Link>
        </div>
      </nav>
      <div className="app-table-scroll" role="region" aria-label={`Calendar of ${calendar.label}, scrollable`} tabIndex={0}>
        <table className="govuk-table app-calendar" data-testid="drill-calendar">
          <caption className="govuk-table__caption govuk-table__caption--m">{calendar.label}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {calendar.weekdays.map((d) => (
                <th scope="col" className="govuk-table__header" key={d}>
                  <span aria-hidden="true">{d.slice(0, 3)}</span>
                  <span className="govuk-visually-hidden">{d}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {calendar.weeks.map((week) => (
              <tr className="govuk-table__row" key={week.days[0]!.date}>
                {week.days.map((day) => (
                  <td key={day.date} className={`govuk-table__cell app-calendar__day${day.inMonth ? "" : " app-calendar__day--outside"}${day.today ? " app-calendar__day--today" : ""}`} data-date={day.date}>
                    <span className="app-calendar__date">
                      <span aria-hidden="true">{day.day}</span>
                      <span className="govuk-visually-hidden">{day.label}{day.today ? " (today)" : ""}</span>
                    </span>
                    {day.events.length > 0 && (
                      <ul className="govuk-list govuk-body-s app-calendar__events">
                        {day.events.map((e) => (
                          <li key={`${e.kind}-${e.id}-${e.ukTime}`} className={`app-calendar__event app-calendar__event--${e.kind}${e.overdue ? " app-calendar__event--overdue" : ""}`}>
                            <Link className="govuk-link" href={e.href}>
                              {e.ukTime} ({e.utcText}): {e.title}
                              {e.kind === "drill" && e.status !== "scheduled" ? ` (${e.status})` : ""}
                              {e.overdue ? " (overdue)" : ""}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="govuk-body">
        Subscribe to the DR tests in Outlook or Google Calendar with the{" "}
        <a className="govuk-link" href="/api/v1/drills/calendar.ics">
          calendar feed (.ics)
        </a>
        . A calendar app that cannot sign in can add an API token of a viewer: <span className="app-code-inline">/api/v1/drills/calendar.ics?token=…</span>
      </p>

      <h2 className="govuk-heading-m">Scheduled and recent DR tests</h2>
      {drills.length === 0 ? (
        <p className="govuk-body">No DR tests scheduled.</p>
      ) : (
        <table className="govuk-table" data-testid="drill-list">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">Scenarios</th>
              <th scope="col" className="govuk-table__header">Environment</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {drills.map((d) => (
              <tr className="govuk-table__row" key={d.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" href={`/drills/${d.id}`}>
                    <TimeText time={d.scheduledAt} />
                  </Link>
                </td>
                <td className="govuk-table__cell">{d.scenarios.map((s) => s.title).join("; ")}</td>
                <td className="govuk-table__cell">{capitalise(d.environment.label)}</td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${STATUS_TAG[d.status]}`}>{capitalise(d.status)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {isAdmin ? (
        <>
          <h2 className="govuk-heading-m" id="schedule">
            Schedule a DR test
          </h2>
          <ScheduleDrillForm
            scenarios={scenarios.map((s) => ({ id: s.id, title: s.title }))}
            environments={environments.map((e) => ({ key: e.key, label: e.label, hint: e.production ? "The live service: its steps need a typed confirmation and a second incident lead's approval." : undefined }))}
          />
          <h2 className="govuk-heading-m">How often each scenario is tested</h2>
          <CadenceForm scenarios={scenarios.map((s) => ({ id: s.id, title: s.title }))} environments={environments} cadences={CADENCES.map((c) => ({ months: c.months, label: c.label }))} />
        </>
      ) : (
        <p className="govuk-inset-text">Admins schedule DR tests and set how often each scenario is tested.</p>
      )}

      <h2 className="govuk-heading-m">Service list</h2>
      {serviceList.length === 0 ? (
        <p className="govuk-body">No DR test recorded yet.</p>
      ) : (
        <table className="govuk-table" data-testid="service-list">
          <caption className="govuk-table__caption govuk-table__caption--s">Each service&apos;s DR tests, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Service</th>
              <th scope="col" className="govuk-table__header">Environment</th>
              <th scope="col" className="govuk-table__header">Scenario</th>
              <th scope="col" className="govuk-table__header">DR test date</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {serviceList.map((e, n) => (
              <tr className="govuk-table__row" key={n}>
                <td className="govuk-table__cell">{e.service.name}</td>
                <td className="govuk-table__cell">{capitalise(e.environment.label)}</td>
                <td className="govuk-table__cell">{e.scenario.title}</td>
                <td className="govuk-table__cell"><TimeText time={e.testedAt} /></td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${e.status === "success" ? "govuk-tag--green" : "govuk-tag--red"}`}>{e.status === "success" ? "Success" : "Fail"}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
