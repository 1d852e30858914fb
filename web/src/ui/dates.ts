// Dates as a person reads them: the day and time in their locale, and how long ago for recent ones.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatDay(iso: string | null | undefined): string {
  return iso ? day.format(new Date(iso)) : '—';
}

/** "3 minutes ago", "in 2 hours"; the full date past a week. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff < 0 ? 'just now' : 'in a moment';
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [3_600_000, 'minute'],
    [86_400_000, 'hour'],
    [7 * 86_400_000, 'day'],
  ];
  const unit: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
  for (const [limit, name] of steps) {
    if (abs < limit) return relative.format(Math.round(diff / unit[name]!), name);
  }
  return dateTime.format(new Date(iso));
}
