import { embeddedSchemaValidator } from '@enos-ota/ota-contract/validation';
import type { HttpAnswer } from './http-answer';

type Node = Record<string, unknown>;

/** Headers this service sets that the spec must declare wherever they are sent. */
const TRACKED_HEADERS = [
  'x-request-id',
  'x-enos-request-id',
  'cache-control',
  'age',
  'etag',
  'vary',
  'link',
  'retry-after',
  'www-authenticate',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];

/** Follows `$ref`s (`#/components/...`) inside `document`. */
function resolve(document: Node, node: unknown): Node {
  let current = node as Node;
  while (typeof current?.['$ref'] === 'string') {
    const pointer = (current['$ref'] as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<Node>((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Node, document);
  }
  return current;
}

/** A header's text as its declared schema types it (integers are numbers on the wire too). */
function typedHeader(schema: Node, text: string): unknown {
  return schema['type'] === 'integer' && /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * Everything in which `answer` departs from what the served spec documents for `method` on
 * `pathTemplate`: an undocumented status, a content type or body the response does not describe, a
 * sent header it does not declare, a declared header whose value breaks its schema, a required one
 * missing. Empty when the answer is exactly as documented. Body and header schemas are checked by the
 * contract's Ajv validators.
 */
export function departuresFromSpec(document: Node, pathTemplate: string, answer: HttpAnswer, method = 'get'): string[] {
  const operation = resolve(document, (resolve(document, document['paths']) as Node)[pathTemplate])[method] as
    Node | undefined;
  if (!operation) return [`${method.toUpperCase()} ${pathTemplate} is not in the spec`];
  const documented = resolve(document, operation['responses'])[String(answer.status)];
  if (!documented) return [`status ${answer.status} is not documented`];
  const response = resolve(document, documented);
  const departures: string[] = [];

  const declared = new Map(
    Object.entries((response['headers'] as Node | undefined) ?? {}).map(([name, header]) => [
      name.toLowerCase(),
      resolve(document, header),
    ]),
  );
  for (const name of TRACKED_HEADERS) {
    const value = answer.headers[name];
    const header = declared.get(name);
    if (value === undefined) continue;
    if (!header) {
      departures.push(`header ${name} is sent but not declared for ${answer.status}`);
      continue;
    }
    const schema = (header['schema'] as Node | undefined) ?? {};
    const result = embeddedSchemaValidator('ota-api', schema)(typedHeader(schema, value));
    if (!result.valid) departures.push(`header ${name}: ${result.message}`);
  }
  for (const name of Object.keys(answer.headers)) {
    // @nestjs/throttler's own names: the service must send the IETF fields instead.
    if (/^(x-ratelimit-|retry-after-)/.test(name)) departures.push(`header ${name} is sent but not declared`);
  }
  for (const [name, header] of declared) {
    if (header['required'] === true && answer.headers[name] === undefined)
      departures.push(`required header ${name} is missing`);
  }

  const content = response['content'] as Node | undefined;
  if (!content) {
    if (answer.body !== '') departures.push(`status ${answer.status} documents no body but one was sent`);
    return departures;
  }
  const mediaType = (answer.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  const described = content[mediaType] as Node | undefined;
  if (!described) return [...departures, `content type "${mediaType}" is not documented for ${answer.status}`];
  let body: unknown = answer.body;
  if (/\bjson$/.test(mediaType)) {
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [...departures, 'the body is not JSON'];
    }
  }
  const result = embeddedSchemaValidator('ota-api', described['schema'] ?? {})(body);
  if (!result.valid) departures.push(`body: ${result.message}`);
  return departures;
}
