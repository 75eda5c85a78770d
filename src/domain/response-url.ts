/** Where Slack's response_url and webhooks live: commercial Slack and GovSlack. Nothing else is Slack's. */
export const SLACK_HOOK_HOSTS = ['hooks.slack.com', 'hooks.slack-gov.com'] as const;

/**
 * Which response_url the app may post to: https on Slack's hooks hosts, or the host the Web API is pointed at (a
 * proxy, or the tests' fake Slack). A payload names the URL, so every post to one is checked here first.
 */
export function responseUrlPolicy(slackApiUrl: string): (url: string) => boolean {
  const apiOrigin = new URL(slackApiUrl).origin;
  return (url: string) => {
    try {
      const u = new URL(url);
      return (
        (u.protocol === 'https:' && (SLACK_HOOK_HOSTS as readonly string[]).includes(u.hostname)) ||
        u.origin === apiOrigin
      );
    } catch {
      return false;
    }
  };
}
