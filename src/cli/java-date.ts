/**
 * java.util.Date.toString in the process's time zone (`Tue Jan 01 00:00:00 UTC 2013`), as OpenTSDB's
 * tools print dates in scan rows and fsck messages. The zone is the short name Intl knows (UTC, PST;
 * GMT+1 where Java would say CET).
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZONE = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });

const pad = (n: number): string => String(n).padStart(2, '0');

export function javaDateString(ms: number): string {
  const d = new Date(ms);
  const zone = ZONE.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  return (
    `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone} ${d.getFullYear()}`
  );
}
