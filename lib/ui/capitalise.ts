/** "preproduction" -> "Preproduction": catalogue labels are written for sentences; lists and headings start with a capital. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
