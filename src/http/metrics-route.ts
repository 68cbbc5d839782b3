import { createServer, type Server } from 'node:http';
import { BlockList, isIPv4, type AddressInfo } from 'node:net';
import express from 'express';
import type { MetricsAllow } from '../config.js';
import { ErrorCode } from '../platform/errors.js';
import { metrics, registry } from '../platform/metrics.js';
import { sendError } from './error-response.js';

/** Routes that get a label of their own in the HTTP metrics; anything else counts as `other`. */
const KNOWN_ROUTES = ['/graphql', '/healthz', '/readyz', '/metrics'];

/** The bounded route label of a request path. */
function routeLabel(path: string): string {
  if (KNOWN_ROUTES.includes(path)) return path;
  if (/^\/cap\/alerts\/[^/]+\.xml$/.test(path)) return '/cap/alerts/:id.xml';
  if (path === '/reports/joint-history.csv') return path;
  return 'other';
}

/** Times every HTTP request into `postwatch_http_request_duration_seconds`. */
export function httpMetrics(): express.RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpRequestDuration.startTimer();
    // Read now: routers mounted on a path rewrite the request's URL while they run.
    const route = routeLabel(req.path);
    res.once('finish', () => end({ method: req.method, route, status: String(res.statusCode) }));
    next();
  };
}

/**
 * `GET /metrics`: the registry in Prometheus text format, for a client whose socket address is in `allow`
 * (X-Forwarded-For is not looked at: a proxy in front reads as its own address); 403 for any other.
 */
export function metricsRoute(allow: MetricsAllow): express.RequestHandler {
  const list = blockListOf(allow);
  return async (req, res) => {
    const address = req.socket.remoteAddress ?? '';
    if (!allowed(list, address)) {
      sendError(res, 403, ErrorCode.FORBIDDEN, 'Metrics are served to the addresses in METRICS_ALLOW only');
      return;
    }
    await serveMetrics(req, res);
  };
}

/** The registry in Prometheus text format. */
async function serveMetrics(_req: express.Request, res: express.Response): Promise<void> {
  res.setHeader('content-type', registry.contentType);
  res.send(await registry.metrics());
}

/** A server of its own for `GET /metrics` on `port` (METRICS_PORT), open to whoever reaches it; 404 for the rest. */
export async function startMetricsServer(port: number, host: string): Promise<{ port: number; close(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', serveMetrics);
  app.use((_req, res) => sendError(res, 404, ErrorCode.NOT_FOUND, 'Not found'));
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function blockListOf(allow: MetricsAllow): BlockList {
  const list = new BlockList();
  for (const { address, prefix, family } of allow) list.addSubnet(address, prefix, family);
  return list;
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is checked as 127.0.0.1. */
function allowed(list: BlockList, address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return list.check(mapped, 'ipv4');
  return isIPv4(address) ? list.check(address, 'ipv4') : list.check(address, 'ipv6');
}
