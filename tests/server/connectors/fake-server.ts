/**
 * The base of every fake vendor API (tests/server/connectors/fakes/*.ts): a
 * local HTTP server on 127.0.0.1 that answers from a handler, records every
 * request, and can be told to fail the next matching requests the way the
 * real API documents it (a 429 with Retry-After, a 5xx, an expired token).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body as JSON, or undefined. */
  json?: unknown;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export interface Fault extends FakeResponse {
  /** Which requests it applies to (default: every request). */
  match?: (req: FakeRequest) => boolean;
  /** How many matching requests it fails (default 1). */
  times?: number;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  /** Fail the next matching requests. */
  inject(fault: Fault): void;
  /** Requests whose path starts with the prefix. */
  count(prefix: string): number;
  close(): Promise<void>;
}

export type FakeHandler = (req: FakeRequest, server: FakeServer) => FakeResponse | Promise<FakeResponse>;

export async function startFake(handler: FakeHandler): Promise<FakeServer> {
  const faults: (Fault & { left: number })[] = [];
  const requests: FakeRequest[] = [];
  const ref: { self?: FakeServer } = {};
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const u = new URL(req.url ?? '/', 'http://fake');
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const fr: FakeRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body, json };
        requests.push(fr);
        let answer: FakeResponse;
        const f = faults.find((x) => x.left > 0 && (!x.match || x.match(fr)));
        if (f) {
          f.left--;
          answer = f;
        } else {
          try {
            answer = await handler(fr, ref.self!);
          } catch (e) {
            answer = { status: 500, body: { error: String(e) } };
          }
        }
        const isText = typeof answer.body === 'string';
        const payload = answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, {
          ...(answer.body !== undefined && !isText ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          ...answer.headers,
        });
        res.end(payload);
      })();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const self: FakeServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    count: (prefix) => requests.filter((r) => r.path.startsWith(prefix)).length,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
  ref.self = self;
  return self;
}
