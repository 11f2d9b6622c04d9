import Link from "next/link";

export default function NotFound() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">If you typed the web address, check it is correct. If you followed a link to an incident, it may not exist in this console.</p>
        <p className="govuk-body">
          <Link className="govuk-link" href="/incidents">
            See all incidents and drills
          </Link>
        </p>
      </div>
    </div>
  );
}
