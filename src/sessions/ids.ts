/** Slack user IDs: U… in a workspace, W… in an Enterprise organization. */
export const USER_ID = /^[UW][A-Z0-9]{8,20}$/;
/** Workspace (T…) or organization (E…) IDs, as sessions carry them. */
export const TEAM_ID = /^[TE][A-Z0-9]{8,20}$/;
/** Session IDs are positive integers; 15 digits keeps them exact in a JavaScript number. */
export const SESSION_ID = /^\d{1,15}$/;
