// A local ECR endpoint on 127.0.0.1 that speaks ECR's wire protocol (AWS JSON 1.1: POST /,
// `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`, `application/x-amz-json-1.1`) and the
// Account API's ListRegions (restJson1 `POST /listRegions`), so the real AWS SDK client can audit a made-up
// account. Every request must carry a SigV4 Authorization header; the region is the credential scope's, as
// AWS routes a request by its endpoint. Throttling, access denied, pagination and latency are set per scenario.
'use strict';
const http = require('node:http');
const { OPERATIONS, ServiceError, listRegions } = require('./fakeEcrOperations');

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** The SigV4 credential scope of a request, or why it is refused (403, as AWS refuses an unsigned request). */
function credentialScope(request) {
  const header = request.headers.authorization;
  if (!header) throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  const match = AUTHORIZATION.exec(header);
  if (!match) throw new ServiceError('IncompleteSignatureException', 'Authorization header is not a SigV4 signature', 403);
  const signed = match[5].split(';');
  if (!request.headers['x-amz-date'] || !signed.includes('host') || !signed.includes('x-amz-date')) throw new ServiceError('IncompleteSignatureException', 'The request must sign host and x-amz-date', 403);
  return { accessKey: match[1], region: match[3], service: match[4] };
}

function send(response, status, body, contentType) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': `fake-${Date.now()}` });
  response.end(text);
}

function sendError(response, error, contentType) {
  const type = error instanceof ServiceError ? error.type : 'ServerException';
  const status = error instanceof ServiceError ? error.status : 500;
  response.setHeader('x-amzn-errortype', type);
  send(response, status, { __type: type, message: error.message }, contentType);
}

function isDenied(scenario, operation, region, body) {
  return (scenario.denied || []).some((rule) => rule.operation === operation && (!rule.region || rule.region === region) && (!rule.repository || rule.repository === body.repositoryName));
}

/** Answers one ECR request; the caller has read its body. */
function answerEcr(state, request, body, scope) {
  const target = request.headers['x-amz-target'] || '';
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  state.requests.push({ operation, region: scope.region, body });
  if (scope.service !== 'ecr') throw new ServiceError('InvalidSignatureException', `Credential should be scoped to correct service: 'ecr'`, 403);
  if (!String(request.headers['content-type'] || '').startsWith('application/x-amz-json-1.1')) throw new ServiceError('SerializationException', 'Expected application/x-amz-json-1.1');
  const handler = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!handler) throw new ServiceError('UnknownOperationException', `Unknown operation ${target}`);
  if (state.throttled < (state.scenario.throttleFirst || 0)) {
    state.throttled++;
    throw new ServiceError('ThrottlingException', 'Rate exceeded');
  }
  if (isDenied(state.scenario, operation, scope.region, body)) {
    const resource = body.repositoryName ? `arn:aws:ecr:${scope.region}:${state.scenario.account}:repository/${body.repositoryName}` : `arn:aws:ecr:${scope.region}:${state.scenario.account}:*`;
    throw new ServiceError('AccessDeniedException', `User: arn:aws:iam::${state.scenario.account}:user/auditor is not authorized to perform: ecr:${operation} on resource: ${resource} because no identity-based policy allows the ecr:${operation} action`);
  }
  return handler(state.scenario.regions[scope.region] || {}, body, { region: scope.region, scenario: state.scenario });
}

function handle(state, request, response) {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    setTimeout(() => {
      state.inFlight--;
      const isAccount = request.url === '/listRegions';
      const contentType = isAccount ? 'application/json' : 'application/x-amz-json-1.1';
      try {
        if (request.method !== 'POST') throw new ServiceError('UnknownOperationException', `${request.method} is not supported`);
        const scope = credentialScope(request);
        state.authorizations.push(request.headers.authorization);
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text === '' ? {} : JSON.parse(text);
        if (isAccount) {
          state.requests.push({ operation: 'ListRegions', region: scope.region, body });
          if (scope.service !== 'account') throw new ServiceError('InvalidSignatureException', `Credential should be scoped to correct service: 'account'`, 403);
          send(response, 200, listRegions(state.scenario, body), contentType);
        } else {
          send(response, 200, answerEcr(state, request, body, scope), contentType);
        }
      } catch (error) {
        if (error instanceof ServiceError && error.status === 403) state.unsigned++;
        sendError(response, error, contentType);
      }
    }, state.scenario.latencyMs || 0);
  });
}

/**
 * Starts the endpoint on 127.0.0.1 (an ephemeral port). Point the SDK at it with AWS_ENDPOINT_URL (or
 * AWS_ENDPOINT_URL_ECR) = `url`, and any AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
 */
function startFakeEcr(scenario) {
  const state = { scenario, requests: [], authorizations: [], throttled: 0, unsigned: 0, inFlight: 0, maxInFlight: 0 };
  const server = http.createServer((request, response) => handle(state, request, response));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        state,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

/** The environment a child process (the CLI) needs to audit the fake endpoint with made-up keys and no other AWS settings. */
function fakeEcrEnvironment(url, base = process.env) {
  const env = Object.fromEntries(Object.entries(base).filter(([name]) => !name.startsWith('AWS_')));
  return {
    ...env, AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'AKIAFAKEAUDITKEY0001', AWS_SECRET_ACCESS_KEY: 'fake-secret-key-never-printed',
    AWS_CONFIG_FILE: '/nonexistent/aws-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials', AWS_EC2_METADATA_DISABLED: 'true',
  };
}

module.exports = { startFakeEcr, fakeEcrEnvironment };
