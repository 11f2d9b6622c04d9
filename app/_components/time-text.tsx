import type { TimeView } from "@/lib/incidents/incident-view";

/** A moment, in UTC with UK local time beside it, machine-readable in `dateTime`. */
export function TimeText({ time, fallback = "Not yet" }: { time: TimeView | null | undefined; fallback?: string }) {
  if (!time) return <>{fallback}</>;
  return <time dateTime={time.utc}>{time.text}</time>;
}
