/** What the demo prints, written as the incident goes, so that a step that fails still shows how far it got. */
export class Story {
  private readonly lines: string[] = [];

  heading(title: string): void {
    this.lines.push('', `── ${title} ${'─'.repeat(Math.max(3, 100 - title.length))}`);
  }

  /** Lines of the story, indented under their heading; a multi-line text keeps its own line breaks. */
  say(...texts: string[]): void {
    for (const text of texts) for (const line of text.split('\n')) this.lines.push(line === '' ? '' : `  ${line}`);
  }

  /** Something the app or Slack showed, set off from the story's own words. */
  show(text: string): void {
    for (const line of text.split('\n')) this.lines.push(`      ${line}`);
  }

  toString(): string {
    return this.lines.map((line) => line.trimEnd()).join('\n');
  }
}

/** A step of the incident that did not happen as it should: the sentence says which and why. */
export class IncidentFailed extends Error {}

/** One named step: whatever goes wrong in it stops the incident with a sentence that names the step. */
export async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof IncidentFailed) throw error;
    throw new IncidentFailed(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A fact the incident relies on; when it does not hold, the incident stops with `sentence`. */
export function expectThat(holds: boolean, sentence: string): asserts holds {
  if (!holds) throw new IncidentFailed(sentence);
}

/** Resolves once `holds()` is true; after `timeoutMs`, stops the incident with `sentence`. */
export async function eventually(holds: () => boolean, sentence: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new IncidentFailed(sentence);
    await new Promise((r) => setTimeout(r, 20));
  }
}
