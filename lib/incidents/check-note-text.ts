import { ValidationError } from "../errors";

/** HTML that would run or load something if a note were ever shown unescaped (a Markdown export, a chat post). */
const ACTIVE_MARKUP = /<\s*\/?\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form)\b|<[^>]*\son[a-z]+\s*=|\bjavascript\s*:/i;
/** Control characters other than tab, line feed and carriage return; PostgreSQL cannot store NUL at all. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A note as a person typed it, checked before it is stored: plain text (it goes into the audit trail, the report's
 * Markdown and Word exports and other people's screens), so markup that runs script is refused with a message, as
 * are control characters. Pages escape notes anyway; this keeps the exports safe to open too.
 */
export function checkNoteText(options: { text: string; field?: string }): string {
  const field = options.field ?? "text";
  if (CONTROL.test(options.text)) {
    throw new ValidationError("The note contains a control character (such as NUL) that cannot be stored: remove it and try again.", [{ path: field, message: "control character" }]);
  }
  if (ACTIVE_MARKUP.test(options.text)) {
    throw new ValidationError(
      "Notes are plain text: remove the HTML (a <script> or similar tag, an on...= event handler or a javascript: link) and say it in words.",
      [{ path: field, message: "markup that runs script" }],
    );
  }
  return options.text;
}
