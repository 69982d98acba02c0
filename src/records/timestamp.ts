// RFC 3339 date-times as the schema allows them, read from bytes: one routine
// for the schema's "date-time" format and for the fast path of intake.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;
const COLON = 0x3a;

/** Two decimal digits at `at`, or -1. */
function two(b: Uint8Array, at: number): number {
  const high = b[at]! - 48;
  const low = b[at + 1]! - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

// The month of the last date-time read: its days and the day number of its first day. Date-times
// come in runs of one month, so the divisions of the calendar arithmetic are done once a month.
let monthYear = 1970;
let monthNumber = 1;
let monthLength = 31;
let monthStart = 0;

function startMonth(year: number, month: number): void {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  monthYear = year;
  monthNumber = month;
  monthLength = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  monthStart = daysFromCivil(year, month, 1);
}

/**
 * Epoch milliseconds of the date-time on bytes [start, end), as Date.parse gives
 * them (a fraction is cut to milliseconds), or NaN when it is not one: real
 * calendar days, hours to 23, minutes and seconds to 59, offsets to ±23:59. A
 * leap second is refused: no clock a program reads shows one, and Date cannot
 * hold it.
 */
export function timestampMs(b: Uint8Array, start: number, end: number): number {
  const s = start;
  if (end - s < 20) return Number.NaN;
  const century = two(b, s);
  const yearOfCentury = two(b, s + 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = two(b, s + 5);
  const day = two(b, s + 8);
  const hour = two(b, s + 11);
  const minute = two(b, s + 14);
  const second = two(b, s + 17);
  const separator = b[s + 10];
  if (
    year < 0 ||
    b[s + 4] !== 0x2d ||
    b[s + 7] !== 0x2d ||
    (separator !== 0x54 && separator !== 0x74 && separator !== 0x20)
  )
    return Number.NaN;
  if (
    b[s + 13] !== COLON ||
    b[s + 16] !== COLON ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return Number.NaN;
  if (year !== monthYear || month !== monthNumber) startMonth(year, month);
  if (day > monthLength) return Number.NaN;
  let at = s + 19;
  let millis = 0;
  if (b[at] === 0x2e) {
    const from = at + 1;
    for (at = from; at < end && b[at]! >= 48 && b[at]! <= 57; at += 1) {
      if (at - from < 3) millis += (b[at]! - 48) * (at === from ? 100 : at === from + 1 ? 10 : 1);
    }
    if (at === from || at - from > 9) return Number.NaN;
  }
  if (at >= end) return Number.NaN;
  const zone = b[at];
  let offset = 0;
  if (zone === 0x5a || zone === 0x7a) {
    at += 1;
  } else if (zone === 0x2b || zone === 0x2d) {
    if (at + 6 > end || b[at + 3] !== COLON) return Number.NaN;
    const hours = two(b, at + 1);
    const minutes = two(b, at + 4);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
    offset = (hours * 60 + minutes) * 60_000 * (zone === 0x2b ? 1 : -1);
    at += 6;
  } else {
    return Number.NaN;
  }
  if (at !== end) return Number.NaN;
  return (monthStart + day - 1) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}

const scratch = new Uint8Array(64);

/**
 * Epoch milliseconds of a date-time string, or NaN. Used instead of Date.parse,
 * which reads "0049-01-01 00:00:00Z" (a space for the T) as the year 2049.
 */
export function parseTimestamp(text: string): number {
  if (text.length < 20 || text.length > 40) return Number.NaN;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return Number.NaN;
    scratch[i] = code;
  }
  return timestampMs(scratch, 0, text.length);
}

/** The schema's "date-time" format. */
export function isDateTime(text: string): boolean {
  return !Number.isNaN(parseTimestamp(text));
}
