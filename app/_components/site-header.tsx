"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const NAVIGATION = [
  { href: "/", label: "Dashboard", matches: (p: string) => p === "/" },
  { href: "/incidents/new", label: "Start an incident or drill", matches: (p: string) => p === "/incidents/new" },
  { href: "/incidents", label: "Incidents and drills", matches: (p: string) => p.startsWith("/incidents") && p !== "/incidents/new" },
  { href: "/drills", label: "DR tests", matches: (p: string) => p.startsWith("/drills") },
  { href: "/audit", label: "Audit trail", matches: (p: string) => p.startsWith("/audit") },
];

/** GOV.UK Frontend's generic header (not a GOV.UK service) and service navigation, the current page marked. */
export function SiteHeader() {
  const pathname = usePathname() ?? "/";
  return (
    <>
      <header className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container app-width-container">
          <div className="govuk-generic-header__logo">
            <Link href="/" className="govuk-generic-header__homepage-link">
              DR console
            </Link>
          </div>
        </div>
      </header>
      <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
        <div className="govuk-width-container app-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <span className="govuk-service-navigation__text">Disaster recovery for AYTQ and CTR</span>
            </span>
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <button type="button" className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">
                Menu
              </button>
              <ul className="govuk-service-navigation__list" id="navigation">
                {NAVIGATION.map((item) => {
                  const current = item.matches(pathname);
                  return (
                    <li key={item.href} className={`govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}`}>
                      <Link className="govuk-service-navigation__link" href={item.href} aria-current={current ? "page" : undefined}>
                        {current ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          </div>
        </div>
      </section>
    </>
  );
}
