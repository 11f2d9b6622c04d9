import Link from "next/link";

export function Header() {
  return (
    <header className="govuk-header" data-module="govuk-header">
      <div className="govuk-header__container govuk-width-container">
        <div className="govuk-header__logo">
          <Link href="/" className="govuk-header__link govuk-header__link--homepage">
            <span className="govuk-header__product-name">DR console</span>
          </Link>
        </div>
      </div>
    </header>
  );
}
