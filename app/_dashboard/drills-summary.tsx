import Link from "next/link";
import type { DrillsSummary } from "@/lib/drills/get-drills-summary";
import { TimeText } from "@/app/_components/time-text";

/** The dashboard's DR tests: the next one, and each scenario and environment whose test is overdue. The DR tests page has the rest. */
export function DrillsSummarySection({ summary }: { summary: DrillsSummary }) {
  const { next, overdue } = summary;
  return (
    <section aria-labelledby="dr-tests-heading" data-testid="dr-tests">
      <h2 className="govuk-heading-m" id="dr-tests-heading">
        DR tests
      </h2>
      {next ? (
        <p className="govuk-body" data-testid="next-dr-test">
          Next:{" "}
          <Link className="govuk-link" href={`/drills/${next.id}`}>
            {next.scenarios.map((s) => s.title).join(" and ")} in {next.environment.label}
          </Link>
          , <TimeText time={next.scheduledAt} />.
        </p>
      ) : (
        <p className="govuk-body">No DR test is scheduled.</p>
      )}
      {overdue.length > 0 ? (
        <div className="govuk-warning-text" data-testid="overdue-dr-tests">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {overdue.length === 1 ? "One DR test is overdue:" : `${overdue.length} DR tests are overdue:`}
            <ul className="govuk-list govuk-list--bullet">
              {overdue.map((o) => (
                <li key={`${o.scenario.id}:${o.environment.key}`}>
                  {o.scenario.title} in {o.environment.label}: due <TimeText time={o.dueAt} />; {o.overdueText.replace(/^Overdue/, "overdue")}.
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <p className="govuk-body">Nothing is overdue.</p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href="/drills">
          Schedule and review DR tests
        </Link>
      </p>
    </section>
  );
}
