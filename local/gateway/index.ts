/** The local API Gateway (HTTP API, payload 2.0) in front of the API Lambda: the only door into local/gateway. */
export { createGateway, type ApiHandler, type Gateway, type GatewayOptions } from './server';
export { toGatewayEvent, type GatewayEvent } from './event';
export { isStaticPath, serveStatic, STATIC_APPS } from './static';
