import type express from 'express';
import { capXmlOf } from '../modules/cap/cap.service.js';
import { authenticatedRoute } from './authenticated-route.js';
import type { AppDeps } from '../api/services.js';

/** Media type of a CAP document (registered for CAP with IANA), in UTF-8. */
export const CAP_CONTENT_TYPE = 'application/cap+xml; charset=utf-8';

/**
 * `GET /cap/alerts/:id.xml`: alert message `id` as an OASIS CAP 1.2 XML document, the same as its `capXml`
 * field. Authenticated and filtered like GraphQL (authenticatedRoute): 401 without a valid bearer token, 404
 * for an alert that does not exist or that the viewer may not see, 400 for an id that is not one.
 * Not cached by shared caches (`Cache-Control: private, no-store`): the alert is meant for its audience only.
 */
export function capAlertRoute(deps: AppDeps): express.RequestHandler {
  return authenticatedRoute(deps, async (req, res, { services, em }) => {
    const alert = await services.alerts.get(String(req.params.id));
    const xml = await capXmlOf(alert, em);
    res.status(200).setHeader('content-type', CAP_CONTENT_TYPE).setHeader('cache-control', 'private, no-store').send(xml);
  });
}
