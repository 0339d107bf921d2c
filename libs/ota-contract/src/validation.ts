/**
 * Run-time validation against the same OpenAPI documents the types come from (server side: it loads
 * the specs and Ajv). The browser should use the constants from the main entry instead.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import enosGatewaySpec from './generated/enos-gateway.openapi.json';
import otaApiSpec from './generated/ota-api.openapi.json';
import type {
  EnosEnvelope,
  GetOtaJobResponse,
  JobInfo,
  ProblemDetails,
  TokenResponse,
  HealthReport,
  TaskInfo,
  FirmwareInfo,
  SearchRequest,
  SearchOtaJobsResponse,
  SearchOtaTasksResponse,
  GetFirmwareResponse,
  OtaJobPage,
  OtaTaskPage,
  JobProgress,
  JobSummaries,
} from './index';

/** The bundled OpenAPI documents, as served at `/openapi.json`. */
export const enosGatewayDocument: Readonly<Record<string, unknown>> = enosGatewaySpec;
export const otaApiDocument: Readonly<Record<string, unknown>> = otaApiSpec;

export type SpecName = 'enos-gateway' | 'ota-api';

/** One reason a value failed its schema; `path` names the field (`upgradeScope.type`, `(root)`). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export type ValidationResult<T> =
  | { readonly valid: true; readonly value: T }
  | { readonly valid: false; readonly issues: readonly ValidationIssue[]; readonly message: string };

export type Validator<T> = (value: unknown) => ValidationResult<T>;

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
addFormats(ajv);
// OpenAPI keywords that carry no validation.
ajv.addVocabulary(['example', 'components', 'openapi', 'info', 'servers', 'paths', 'tags', 'security']);
ajv.addSchema({ components: enosGatewaySpec.components }, 'enos-gateway');
ajv.addSchema({ components: otaApiSpec.components }, 'ota-api');

function fieldPath(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required')
    segments.push(String((error.params as { missingProperty: string }).missingProperty));
  return segments.length === 0
    ? '(root)'
    : segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const isNullBranch = (e: ErrorObject): boolean =>
  e.keyword === 'type' && (e.params as { type?: unknown }).type === 'null';

/**
 * Turns Ajv's errors into one issue per field. Schemas like `anyOf [known enum, string]` or
 * `oneOf [struct, null]` make Ajv report every branch; only the branch that explains the failure is kept.
 */
function toIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const relevant = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const kept = relevant.filter((e) => {
    const path = fieldPath(e);
    const others = relevant.filter((o) => o !== e);
    if (isNullBranch(e))
      return !others.some((o) => fieldPath(o) === path || fieldPath(o).startsWith(`${path}.`) || path === '(root)');
    if (e.keyword === 'enum')
      return !others.some((o) => o.keyword === 'type' && !isNullBranch(o) && fieldPath(o) === path);
    return true;
  });
  const byPath = new Map<string, string[]>();
  for (const error of kept.length > 0 ? kept : errors.slice(0, 1)) {
    const path = fieldPath(error);
    const message = error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
    const messages = byPath.get(path) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byPath.set(path, messages);
  }
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join(' or ') }));
}

/** A validator for one named schema of one spec, e.g. `schemaValidator('enos-gateway', 'JobInfo')`. */
export function schemaValidator<T>(spec: SpecName, schemaName: string): Validator<T> {
  const compiled: ValidateFunction | undefined = ajv.getSchema(`${spec}#/components/schemas/${schemaName}`);
  if (!compiled) throw new Error(`No schema ${schemaName} in the ${spec} spec`);
  return validatorOf<T>(compiled);
}

function validatorOf<T>(compiled: ValidateFunction): Validator<T> {
  return (value) => {
    if (compiled(value)) return { valid: true, value: value as T };
    const issues = toIssues(compiled.errors ?? []);
    return { valid: false, issues, message: issues.map((i) => `${i.path} ${i.message}`).join('; ') };
  };
}

/** `schema` with its document-local references (`#/components/...`) pointed at `spec`'s registered components. */
function anchoredIn(spec: SpecName, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => anchoredIn(spec, item));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${spec}${value}`
        : anchoredIn(spec, value),
    ]),
  );
}

const embeddedValidators = new Map<string, ValidateFunction>();

/**
 * A validator for a schema that sits inside a spec document rather than under its named schemas (a
 * response body, a header), e.g. one read from the served `/openapi.json`; its references resolve
 * against that spec's components.
 */
export function embeddedSchemaValidator<T>(spec: SpecName, schema: unknown): Validator<T> {
  const key = `${spec} ${JSON.stringify(schema)}`;
  let compiled = embeddedValidators.get(key);
  if (!compiled) {
    compiled = ajv.compile(anchoredIn(spec, schema) as object);
    embeddedValidators.set(key, compiled);
  }
  return validatorOf<T>(compiled);
}

export const validateJobInfo = schemaValidator<JobInfo>('enos-gateway', 'JobInfo');
export const validateEnosEnvelope = schemaValidator<EnosEnvelope>('enos-gateway', 'EnosEnvelope');
export const validateGetOtaJobResponse = schemaValidator<GetOtaJobResponse>('enos-gateway', 'GetOtaJobResponse');
export const validateTokenResponse = schemaValidator<TokenResponse>('enos-gateway', 'TokenResponse');
export const validateProblemDetails = schemaValidator<ProblemDetails>('ota-api', 'ProblemDetails');
export const validateHealthReport = schemaValidator<HealthReport>('ota-api', 'HealthReport');
export const validateOrgId = schemaValidator<string>('ota-api', 'OrgId');
export const validateJobId = schemaValidator<string>('ota-api', 'JobId');
export const validateTaskInfo = schemaValidator<TaskInfo>('enos-gateway', 'TaskInfo');
export const validateFirmwareInfo = schemaValidator<FirmwareInfo>('enos-gateway', 'FirmwareInfo');
export const validateSearchRequest = schemaValidator<SearchRequest>('enos-gateway', 'SearchRequest');
export const validateSearchOtaJobsResponse = schemaValidator<SearchOtaJobsResponse>(
  'enos-gateway',
  'SearchOtaJobsResponse',
);
export const validateSearchOtaTasksResponse = schemaValidator<SearchOtaTasksResponse>(
  'enos-gateway',
  'SearchOtaTasksResponse',
);
export const validateGetFirmwareResponse = schemaValidator<GetFirmwareResponse>('enos-gateway', 'GetFirmwareResponse');
export const validateOtaJobPage = schemaValidator<OtaJobPage>('ota-api', 'OtaJobPage');
export const validateOtaTaskPage = schemaValidator<OtaTaskPage>('ota-api', 'OtaTaskPage');
export const validateJobProgress = schemaValidator<JobProgress>('ota-api', 'JobProgress');
export const validateJobSummaries = schemaValidator<JobSummaries>('ota-api', 'JobSummaries');
export const validateJobIdList = schemaValidator<string>('ota-api', 'JobIdList');
export const validateFirmwareId = schemaValidator<string>('ota-api', 'FirmwareId');
export const validateProductKey = schemaValidator<string>('ota-api', 'ProductKey');
export const validateDeviceKey = schemaValidator<string>('ota-api', 'DeviceKey');
export const validateDeviceKeyList = schemaValidator<string>('ota-api', 'DeviceKeyList');
export const validateReasonFilter = schemaValidator<string>('ota-api', 'ReasonFilter');
export const validateTokenFilter = schemaValidator<string>('ota-api', 'TokenFilter');
export const validateNameFilter = schemaValidator<string>('ota-api', 'NameFilter');
