import { useEffect } from 'react';

/** Calls `refetch` every `ms` while `active`: how the console follows work that runs in the background. */
export function usePolling(active: boolean, refetch: () => void, ms = 1000): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(refetch, ms);
    return () => clearInterval(timer);
  }, [active, refetch, ms]);
}
