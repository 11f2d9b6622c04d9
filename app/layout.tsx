import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./console.css";
import { GovukFrontendInit } from "./_components/govuk-frontend-init";
import { Providers } from "./_components/providers";
import { SiteHeader } from "./_components/site-header";
import { AccountBar } from "./account/_components/account-bar";

export const metadata: Metadata = {
  title: { default: "DR console", template: "%s – DR console" },
  description: "Disaster recovery for Access your teaching qualifications and Check a teacher's record",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB" className="govuk-template govuk-template--rebranded">
      <head>
        {/* GOV.UK Frontend's precompiled stylesheet, copied to public/assets by the build (scripts/lib/build.ts). */}
        <link rel="stylesheet" href="/assets/govuk-frontend.min.css" />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <SiteHeader />
        <AccountBar />
        <Providers>
          <div className="govuk-width-container app-width-container">
            <main className="govuk-main-wrapper" id="main-content">
              {children}
            </main>
          </div>
        </Providers>
        <footer className="govuk-footer">
          <div className="govuk-width-container app-width-container">
            <p className="govuk-body-s">
              Times are shown in UTC with UK local time beside them. Every action is recorded in the audit trail.
            </p>
          </div>
        </footer>
        <GovukFrontendInit />
      </body>
    </html>
  );
}
