// Units of simulated time, so sizes and horizons read as durations.

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
