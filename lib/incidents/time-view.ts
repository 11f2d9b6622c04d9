import { describeInstant } from "../time/describe-instant";
import type { TimeView } from "./incident-view";

export function timeView(instant: Date): TimeView;
export function timeView(instant: Date | null): TimeView | null;
export function timeView(instant: Date | null): TimeView | null {
  if (!instant) return null;
  const described = describeInstant({ instant });
  return { utc: instant.toISOString(), text: described.text };
}
