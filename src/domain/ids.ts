/** Slack user IDs: U… in a workspace, W… in an Enterprise organization. */
export const USER_ID = /^[UW][A-Z0-9]{8,20}$/;
/** Workspace (T…) or organization (E…) IDs, as sessions carry them. */
export const TEAM_ID = /^[TE][A-Z0-9]{8,20}$/;
/** Session IDs are positive integers, used only while exact in a JavaScript number. */
export const isSessionId = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;

/** A session ID as text: digits only, and exact as a number. One rule for the parser, the plan and Slack's lists. */
export function parseSessionId(text: string): number | undefined {
  const n = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  return isSessionId(n) ? n : undefined;
}
