/**
 * Which response_url the app may post to. The URL travels in private_metadata, so it is checked before use: only
 * Slack's hooks host, or the host the Web API is pointed at (a proxy or a test fake), may receive it.
 */
export function responseUrlPolicy(slackApiUrl: string): (url: string) => boolean {
  const apiOrigin = new URL(slackApiUrl).origin;
  return (url: string) => {
    try {
      const u = new URL(url);
      return (u.protocol === 'https:' && u.hostname === 'hooks.slack.com') || u.origin === apiOrigin;
    } catch {
      return false;
    }
  };
}

/**
 * Sends an ephemeral message through a slash command's response_url, so a result stays in the conversation even if
 * the admin closed the modal. Returns false (never throws) when it did not arrive.
 */
export async function postEphemeral(url: string, text: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
