/**
 * Said when a plan ran while the audit database could not be reached (the app runs rather than refuses: an incident
 * does not wait for a database). What it cost is said plainly, to the admin and in the audit channel.
 */
export const UNGUARDED_RESULT =
  ':warning: The audit database could not be reached when you submitted, so this ran without it: a second Submit of this confirmation is caught only by this app instance, the cooldown was not checked, and this record is in the app’s log stream and the audit channel but may be missing from history and App Home.';

export const UNGUARDED_AUDIT =
  ':warning: Run while the audit database could not be reached: run-once held in one app instance only, no cooldown was checked, and this record may be missing from the database (it is in the log stream).';
