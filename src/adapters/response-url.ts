/**
 * Sends an ephemeral message through a slash command's response_url, so a result stays in the conversation even if
 * the admin closed the modal. Returns false (never throws) when it did not arrive.
 */
export async function postEphemeral(
  url: string,
  text: string,
  options: { timeoutMs: number; fetch: typeof fetch },
): Promise<boolean> {
  try {
    const res = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
