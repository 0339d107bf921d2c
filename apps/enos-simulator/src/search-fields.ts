/**
 * What each search may filter on (docs/enos.md section 3): the fields, their operators, and how their
 * values are read from a JobInfo or a TaskInfo.
 */
import type { JobInfo, StringI18n, TaskInfo } from '@enos-ota/ota-contract';
import type { FieldDefinition, FieldTable } from './search-expression';

type Text = string | null | undefined;

/** `name`: the default value and every locale; `name.en_US`: that locale only. */
function i18nTexts(value: StringI18n | null | undefined, locale: string | undefined): readonly Text[] {
  if (!value) return [];
  const locales = value.i18nValue ?? {};
  if (locale !== undefined) return Object.prototype.hasOwnProperty.call(locales, locale) ? [locales[locale]] : [];
  return [value.defaultValue, ...Object.values(locales)];
}

const exact = <T>(
  read: (item: T) => Text,
  operators: FieldDefinition<T>['operators'] = ['=', 'in'],
): FieldDefinition<T> => ({
  operators,
  values: (item) => [read(item)],
});

const text = <T>(read: (item: T) => StringI18n | null | undefined): FieldDefinition<T> => ({
  operators: ['like'],
  subfields: true,
  values: (item, locale) => i18nTexts(read(item), locale),
});

export const JOB_FIELDS: FieldTable<JobInfo> = {
  productKey: exact((job) => job.productKey),
  firmwareId: exact((job) => job.firmwareId),
  firmwareVersion: exact((job) => job.firmwareVersion),
  type: exact((job) => job.type, ['=']),
  status: exact((job) => job.status, ['=']),
  name: text((job) => job.name),
  firmwareName: text((job) => job.firmwareName),
};

export const TASK_FIELDS: FieldTable<TaskInfo> = {
  jobId: exact((task) => task.jobId),
  deviceKey: exact((task) => task.deviceKey),
  fromVersion: exact((task) => task.fromVersion),
  toVersion: exact((task) => task.toVersion),
  status: exact((task) => task.status),
  desc: exact((task) => task.desc),
};
