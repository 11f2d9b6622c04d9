/**
 * How long something took, for people: "45 s", "3 min 05 s", "2 h 07 min". Rounded down to the second; a negative
 * span (clock skew between replicas) reads as 0 s.
 */
export function formatDuration(options: { from: Date | string; to: Date | string }): string {
  const from = typeof options.from === "string" ? Date.parse(options.from) : options.from.getTime();
  const to = typeof options.to === "string" ? Date.parse(options.to) : options.to.getTime();
  const total = Math.max(0, Math.floor((to - from) / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}
