/**
 * Epoch milliseconds of the date-time on bytes [start, end), as Date.parse gives
 * them (a fraction is cut to milliseconds), or NaN when it is not one: real
 * calendar days, hours to 23, minutes and seconds to 59, offsets to ±23:59. A
 * leap second is refused: no clock a program reads shows one, and Date cannot
 * hold it.
 */
export declare function timestampMs(b: Uint8Array, start: number, end: number): number;
/**
 * Epoch milliseconds of a date-time string, or NaN. Used instead of Date.parse,
 * which reads "0049-01-01 00:00:00Z" (a space for the T) as the year 2049.
 */
export declare function parseTimestamp(text: string): number;
/** The schema's "date-time" format. */
export declare function isDateTime(text: string): boolean;
