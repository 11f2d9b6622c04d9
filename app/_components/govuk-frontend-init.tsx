"use client";

import { useEffect } from "react";

/**
 * GOV.UK Frontend's JavaScript for the components in the page's static markup (the service navigation's menu
 * button, the skip link). It needs `govuk-frontend-supported` on <body>, which the GOV.UK page template sets with
 * an inline script: done here instead, so that a strict CSP (issue 7) needs no inline script. Components React
 * renders later (error summaries, conditional fields) manage focus and state in React and need none of it.
 */
export function GovukFrontendInit() {
  useEffect(() => {
    document.body.classList.add("js-enabled", "govuk-frontend-supported");
    let cancelled = false;
    void import("govuk-frontend").then(({ initAll }) => {
      if (!cancelled) initAll();
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return null;
}
