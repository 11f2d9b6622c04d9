"use client";

/** Opens the browser's print dialogue: "Save as PDF" there gives the report as a PDF (the print stylesheet applies). */
export function PrintButton() {
  return (
    <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
