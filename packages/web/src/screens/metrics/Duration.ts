/** Durations as a person reads them at a glance (metrics tiles, the storefront's expected reply time). */

/** "4 min", "1 h 20 min", "2 d 3 h": response times a person reads at a glance. */
export const duration = (ms: number | null): string => {
  if (ms === null) return "—"
  const min = Math.round(ms / 60_000)
  if (min < 1) return `${Math.max(1, Math.round(ms / 1000))} s`
  if (min < 60) return `${min} min`
  const hours = Math.floor(min / 60)
  if (hours < 24) return `${hours} h ${min % 60} min`
  return `${Math.floor(hours / 24)} d ${hours % 24} h`
}
