import type { JobInfo, StringI18n } from '@enos-ota/ota-contract';
import { localizedText } from '../i18n/localized-text';
import {
  type Described,
  describeMaximumConcurrency,
  describeRetryPolicy,
  describeSchedulePolicy,
  describeUpgradePolicy,
  describeUpgradeRequest,
  describeUpgradeTimeout,
  missingText,
  undocumentedValue,
} from './describe-policies';
import { describeUpgradeScope } from './describe-scope';
import type { Badge, DescribeContext, FieldRow, FieldSection, JobDescription } from './job-description';
import { isPlainObject, prettyJson, rawText, readLenientNumber } from './lenient-values';

/** The field names the contract documents for JobInfo (its index signature removed). */
type DocumentedKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};
export type DocumentedJobField = DocumentedKeys<JobInfo>;

type SectionId = 'overview' | 'firmware' | 'devices' | 'rollout' | 'deprecated';

/** Where each documented field is shown, in reading order. */
const SECTION_FIELDS = {
  overview: ['jobId', 'orgId', 'name', 'type', 'status', 'createTime'],
  firmware: ['firmwareId', 'firmwareVersion', 'firmwareName', 'productKey'],
  devices: ['upgradeScope', 'upgradePolicy', 'enableUpgradeRequest'],
  rollout: ['upgradeTimeout', 'retryPolicy', 'schedulePolicy', 'maximumConcurrency'],
  deprecated: ['startSchedule', 'endSchedule'],
} as const satisfies Record<SectionId, readonly DocumentedJobField[]>;

// A field the contract gains but no section shows fails to compile here.
type UnplacedField = Exclude<DocumentedJobField, (typeof SECTION_FIELDS)[SectionId][number]>;
const _everyFieldPlaced: [UnplacedField] extends [never] ? true : UnplacedField = true;

export const DOCUMENTED_JOB_FIELDS: readonly string[] = Object.values(SECTION_FIELDS).flat();

/** Every field of a job in words, grouped; undocumented fields last, exactly as sent. */
export function describeJob(job: JobInfo, ctx: DescribeContext): JobDescription {
  const { t } = ctx;
  const sections: FieldSection[] = [];
  for (const [id, fields] of Object.entries(SECTION_FIELDS) as [SectionId, readonly DocumentedJobField[]][]) {
    const rows = fields.map((field) => describeField(field, job, ctx)).filter((row): row is FieldRow => row !== null);
    if (rows.length > 0) sections.push({ id, title: t.job.sections[id], rows });
  }

  const otherRows = Object.keys(job)
    .filter((key) => !DOCUMENTED_JOB_FIELDS.includes(key))
    .map((key): FieldRow => ({
      field: key,
      label: key,
      value: prettyJson(job[key]),
      mono: true,
      pre: true,
      notes: [t.values.undocumentedField],
      undocumented: true,
    }));
  if (otherRows.length > 0) sections.push({ id: 'other', title: t.job.sections.other, rows: otherRows });

  return {
    title: localizedText(job.name, ctx.formats.locale).text ?? t.job.unnamed,
    status: statusBadge(job.status, ctx),
    type: typeBadge(job.type, ctx),
    sections,
  };
}

/** One field as a row; null for a deprecated field EnOS did not send at all. */
export function describeField(field: DocumentedJobField, job: JobInfo, ctx: DescribeContext): FieldRow | null {
  const { t } = ctx;
  const value: unknown = job[field];
  const row = (described: Described & Partial<FieldRow>): FieldRow => ({ field, label: t.fields[field], ...described });

  switch (field) {
    case 'jobId':
    case 'orgId':
    case 'firmwareId':
      return row(identifier(value, ctx));
    case 'productKey': {
      const described = identifier(value, ctx);
      return row(value == null ? { ...described, notes: [t.values.productKeyMissing] } : described);
    }
    case 'firmwareVersion':
      return row(
        value === undefined
          ? { value: t.values.notReturned, notes: [t.values.firmwareSince24] }
          : { value: missingText(value, ctx) ?? rawText(value) },
      );
    case 'name':
      return row(localizedName(value, ctx, false));
    case 'firmwareName':
      return row(localizedName(value, ctx, true));
    case 'type': {
      const badge = typeBadge(value, ctx);
      return row(withBadge(value, badge, ctx));
    }
    case 'status': {
      const badge = statusBadge(value, ctx);
      return row(withBadge(value, badge, ctx));
    }
    case 'createTime':
      return row(createTime(value, ctx));
    case 'upgradeScope':
      return row(struct(value, ctx, describeUpgradeScope));
    case 'upgradePolicy':
      return row(describeUpgradePolicy(value, ctx));
    case 'enableUpgradeRequest':
      return row(describeUpgradeRequest(value, ctx));
    case 'upgradeTimeout':
      return row(describeUpgradeTimeout(value, ctx));
    case 'maximumConcurrency':
      return row(describeMaximumConcurrency(value, ctx));
    case 'retryPolicy':
      return row(struct(value, ctx, describeRetryPolicy));
    case 'schedulePolicy':
      return row(struct(value, ctx, describeSchedulePolicy));
    case 'startSchedule':
    case 'endSchedule':
      if (!(field in job)) return null;
      return row({ value: rawText(value ?? null), mono: true, deprecated: true, notes: [t.values.deprecatedNote] });
  }
}

function identifier(value: unknown, ctx: DescribeContext): Described & Partial<FieldRow> {
  const missing = missingText(value, ctx);
  return missing !== null ? { value: missing } : { value: rawText(value), mono: true };
}

function localizedName(value: unknown, ctx: DescribeContext, since24: boolean): Described {
  const { t } = ctx;
  if (value === undefined || value === null) {
    return {
      value: missingText(value, ctx) ?? '',
      notes: since24 && value === undefined ? [t.values.firmwareSince24] : [],
    };
  }
  if (!isPlainObject(value)) return undocumentedValue(value, ctx);
  const text = localizedText(value as StringI18n, ctx.formats.locale);
  const sourceLabel = (source: string) => (source === 'defaultValue' ? t.values.name.defaultLabel : source);
  const hasOtherLanguages = text.others.some((other) => other.source !== 'defaultValue');
  return {
    value: text.text ?? t.values.name.noName,
    lines: text.others.map((other) => t.values.name.other(sourceLabel(other.source), other.text)),
    notes: text.source === 'defaultValue' && hasOtherLanguages ? [t.values.name.fromDefault] : [],
  };
}

function createTime(value: unknown, ctx: DescribeContext): Described {
  const { t, formats } = ctx;
  const created = readLenientNumber(value);
  if (created.state === 'missing') return { value: missingText(value, ctx) ?? '' };
  if (created.state === 'unreadable')
    return { value: rawText(value), notes: [t.values.unreadable], undocumented: true };
  return {
    value: formats.dateTime(created.value),
    lines: [
      t.values.created.utc(formats.dateTime(created.value, 'UTC')),
      t.values.created.relative(formats.relative(created.value, ctx.now)),
    ],
  };
}

function withBadge(value: unknown, badge: Badge, ctx: DescribeContext): Described & Partial<FieldRow> {
  if (value === undefined || value === null) return { value: badge.text };
  return badge.tone === 'unknown' ? { ...undocumentedValue(value, ctx), badge } : { value: badge.text, badge };
}

export function statusBadge(value: unknown, ctx: DescribeContext): Badge {
  if (value === 'started') return { text: ctx.t.values.status.started, tone: 'positive' };
  if (value === 'stopped') return { text: ctx.t.values.status.stopped, tone: 'neutral' };
  return unknownBadge(value, ctx);
}

export function typeBadge(value: unknown, ctx: DescribeContext): Badge {
  if (value === 'upgrade') return { text: ctx.t.values.type.upgrade, tone: 'info' };
  if (value === 'verify') return { text: ctx.t.values.type.verify, tone: 'info' };
  return unknownBadge(value, ctx);
}

function unknownBadge(value: unknown, ctx: DescribeContext): Badge {
  const missing = missingText(value, ctx);
  return missing !== null ? { text: missing, tone: 'neutral' } : { text: rawText(value), tone: 'unknown' };
}

function struct(
  value: unknown,
  ctx: DescribeContext,
  describe: (value: Record<string, unknown>, ctx: DescribeContext) => Described,
): Described {
  const missing = missingText(value, ctx);
  if (missing !== null) return { value: missing };
  return isPlainObject(value) ? describe(value, ctx) : undocumentedValue(value, ctx);
}
