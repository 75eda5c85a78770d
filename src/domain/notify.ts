/** Whether one person signed out was told by DM, and Slack's code when not. */
export interface NotifyResult {
  userId: string;
  sent: boolean;
  code?: string;
}
