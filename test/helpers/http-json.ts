/** A fetch that returns the status, the raw text and (when it parses) the JSON of an answer. */
export interface JsonReply {
  readonly status: number;
  // Tests read whatever shape the endpoint answers.
  readonly body: any;
  readonly text: string;
  readonly headers: Headers;
}

export async function httpJson(base: string, path: string, init?: RequestInit): Promise<JsonReply> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** OpenTSDB's error JSON with this status and message (and details, when given). */
export function expectError(reply: JsonReply, status: number, message: string, details?: string): void {
  expect([reply.status, reply.body?.error?.message]).toEqual([status, message]);
  if (details !== undefined) expect(reply.body.error.details).toBe(details);
}
