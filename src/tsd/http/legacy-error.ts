/**
 * Errors of version-0 requests (legacy routes such as `/suggest`, and `/api/v0/...`), as
 * HttpQuery.badRequest / notFound / internalError answer them: every client error is a 400 (whatever
 * its own status), `?json` turns the page into `{"err":"<message>"}`, and otherwise a small HTML page
 * carries the message (OpenTSDB's page has more decoration; no client parses it).
 */
import type { Response } from 'express';
import type { TsdError } from '../../errors/tsd-error';

const HTML_TYPE = 'text/html; charset=UTF-8';
const JSON_TYPE = 'application/json';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function page(title: string, heading: string, text: string): string {
  return (
    `<!DOCTYPE html><html><head><meta http-equiv=content-type content="text/html;charset=utf-8">` +
    `<title>${title}</title></head><body><blockquote><h1>${heading}</h1>${text}</blockquote></body></html>`
  );
}

export function sendLegacyError(res: Response, err: TsdError, notFound: boolean, json: boolean): void {
  let status: number;
  let body: string;
  if (notFound) {
    status = 404;
    body = json ? '{"err":"Page Not Found"}' : page('Page Not Found', 'Page Not Found', 'The requested URL was not found on this server.');
  } else if (err.status >= 500) {
    status = 500;
    const text = err.stack ?? err.message;
    body = json ? JSON.stringify({ err: text }) : page('Internal Server Error', 'Internal Server Error', `<pre>${escapeHtml(text)}</pre>`);
  } else {
    status = 400;
    // OpenTSDB pastes the message in raw; it can echo request text, so it is escaped here.
    body = json ? JSON.stringify({ err: err.message }) : page('Bad Request', 'Bad Request', `The reason provided was:<blockquote>${escapeHtml(err.message)}</blockquote>`);
  }
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': json ? JSON_TYPE : HTML_TYPE, 'Content-Length': bytes.length }).end(bytes);
}
