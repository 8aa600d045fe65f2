import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../errors/client-errors';

/** Content types a GraphQL POST may have: JSON only, which a browser cannot send cross-site without a preflight (CSRF). */
const JSON_TYPES = /^application\/(json|graphql-response\+json)\s*(;|$)/i;

/**
 * In front of a GraphQL endpoint: a POST must be JSON (form-encoded, multipart and text/plain are
 * refused with 415) and at most `maxBodyBytes` (413, also when sent chunked). The body is read here
 * and handed to Yoga as a Buffer.
 */
export function graphqlHttpGuard(maxBodyBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    if (!JSON_TYPES.test(req.headers['content-type'] ?? '')) {
      return refuse(res, 415, 'A GraphQL POST must be sent as application/json');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return refuse(res, 413, `The request body is larger than ${maxBodyBytes} bytes`, true);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        done = true;
        refuse(res, 413, `The request body is larger than ${maxBodyBytes} bytes`, true);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      (req as Request & { body?: unknown }).body = Buffer.concat(chunks);
      next();
    });
    req.on('error', () => {
      done = true;
    });
  };
}

function refuse(res: Response, status: number, message: string, close = false): void {
  if (res.headersSent) return;
  if (close) res.setHeader('connection', 'close');
  res.status(status).json({ errors: [{ message, extensions: { code: ErrorCode.BadRequest } }] });
}
