import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { checkNoteText } from "./check-note-text";

describe("checkNoteText", () => {
  it.each([
    "Checked the copy: 240 teachers, live has 235.",
    "Row count a < b and c > d; see https://portal.azure.com/#resource/x",
    "Tabs\tand\nnew lines\r\nare fine",
    "Compared <teachers> table and the <id> column",
  ])("keeps plain text: %s", (text) => {
    expect(checkNoteText({ text })).toBe(text);
  });

  it.each([
    '<script>alert(1)</script>',
    "see < SCRIPT src=//x>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">link</a>',
    "<iframe src=//evil>",
    '<svg onload=alert(1)>',
  ])("refuses markup that runs script: %s", (text) => {
    expect(() => checkNoteText({ text })).toThrow(/plain text/);
  });

  it("refuses control characters, NUL first of all", () => {
    expect(() => checkNoteText({ text: "a\u0000b" })).toThrow(ValidationError);
    expect(() => checkNoteText({ text: "bell\u0007" })).toThrow(/control character/);
  });
});
