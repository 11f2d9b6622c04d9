"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/ui/format-duration";

/** How long a step took, or has been running so far (ticking each second while it runs). */
export function Elapsed({ from, to }: { from: string; to?: string | null }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (to) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [to]);
  if (to) return <>{formatDuration({ from, to })}</>;
  // Before the first tick (and on the server) say nothing rather than a number that jumps.
  if (now === null) return <>running</>;
  return <>{formatDuration({ from, to: new Date(now) })} so far</>;
}
