import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import type { FirmwareInfo } from '@enos-ota/ota-contract';
import { currentValue, resourceFailure, valueOf } from '../api/api-resource';
import { checkFilter } from '../api/filters';
import { OTA_API_CLIENT } from '../api/ota-client';
import type { Messages } from '../i18n/en';
import type { Formats } from '../i18n/formats';
import { I18n } from '../i18n/i18n';
import { localizedText } from '../i18n/localized-text';
import { InlineProblem } from '../ui/inline-problem';
import { describePartFailure } from './failure-text';
import { readLenientNumber } from './lenient-values';

interface FirmwareRequest {
  readonly orgId: string;
  readonly firmwareId: string;
}

export interface FirmwareRow {
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly mono?: boolean;
  readonly note?: string;
}

const SIGN_METHODS: Record<string, string> = { md5: 'MD5', sha256: 'SHA-256' };

/** The firmware file's details in words (EnOS field names kept for support), or why there are none. */
export function describeFirmware(firmware: FirmwareInfo, t: Messages, formats: Formats): FirmwareRow[] {
  const f = t.firmware;
  const missing = t.values.notReturned;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : missing);
  const name = localizedText(firmware.name ?? null, formats.locale).text;
  const size = readLenientNumber(firmware.fileSize);
  const sign = firmware.signMethod;
  const rows: FirmwareRow[] = [
    { field: 'version', label: f.version, value: text(firmware.version), mono: true },
    { field: 'name', label: f.name, value: name ?? missing },
    { field: 'desc', label: f.description, value: text(firmware.desc) },
    { field: 'productKey', label: f.productKey, value: text(firmware.productKey), mono: true },
    {
      field: 'signMethod',
      label: f.signMethod,
      value: typeof sign === 'string' ? (SIGN_METHODS[sign] ?? sign) : missing,
      ...(typeof sign === 'string' && !(sign in SIGN_METHODS) ? { note: t.values.undocumentedValue } : {}),
    },
    {
      field: 'fileSize',
      label: f.fileSize,
      value:
        size.state === 'number'
          ? f.fileSizeValue(formats.fileSize(size.value), formats.number(size.value))
          : size.state === 'missing'
            ? missing
            : String(size.raw),
    },
    {
      field: 'isVerified',
      label: f.verified,
      value: firmware.isVerified === true ? f.verifiedYes : firmware.isVerified === false ? f.verifiedNo : missing,
      ...(firmware.enableVerification === false ? { note: f.verificationOff } : {}),
    },
    {
      field: 'createTime',
      label: f.created,
      value: typeof firmware.createTime === 'number' ? formats.dateTime(firmware.createTime) : missing,
    },
  ];
  return rows;
}

/** The job's firmware file (EnOS "Get Firmware"): version, name, signature, size, verification, creation. */
@Component({
  selector: 'ota-firmware-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [InlineProblem],
  template: `
    <section
      class="card"
      id="firmware"
      aria-labelledby="firmware-title"
      data-firmware
      [attr.aria-busy]="firmware.isLoading()"
    >
      <h2 id="firmware-title">{{ t().firmware.title }}</h2>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">{{ announcement() }}</p>
      @if (firmwareId() === null) {
        <p class="muted" data-firmware-none>{{ t().firmware.none }}</p>
      } @else if (rows(); as rows) {
        <dl class="fields">
          @for (row of rows; track row.field) {
            <div class="field" [attr.data-firmware-field]="row.field">
              <dt>
                <span class="label">{{ row.label }}</span>
                <code class="field-name" [attr.title]="t().job.fieldName">{{ row.field }}</code>
              </dt>
              <dd>
                <span class="value" [class.mono]="row.mono" data-value>{{ row.value }}</span>
                @if (row.note; as note) {
                  <p class="note">{{ note }}</p>
                }
              </dd>
            </div>
          }
        </dl>
      } @else if (problem(); as problem) {
        <ota-inline-problem [text]="problem" [failure]="failure()" (retry)="firmware.reload()" />
      } @else {
        <!-- Space reserved for the firmware's fields. -->
        <p class="muted reserve" data-loading>{{ t().firmware.loading }}</p>
      }
      <!-- The job's own firmware fields, so the page has one firmware section. -->
      <ng-content />
    </section>
  `,
  styleUrl: './field-section.css',
})
export class FirmwareDetails {
  readonly orgId = input.required<string>();
  /** The job's firmwareId; null when the job names none. */
  readonly firmwareId = input.required<string | null>();

  private readonly i18n = inject(I18n);
  private readonly client = inject(OTA_API_CLIENT);
  protected readonly t = this.i18n.t;
  /** An ID the contract refuses would only come back as a 400: none is asked for. */
  private readonly request = computed<FirmwareRequest | undefined>(() => {
    const firmwareId = this.firmwareId();
    return firmwareId === null || checkFilter('firmwareId', firmwareId) !== null
      ? undefined
      : { orgId: this.orgId(), firmwareId };
  });
  protected readonly firmware = resource({
    params: this.request,
    loader: ({ params: { orgId, firmwareId }, abortSignal }) =>
      valueOf(this.client.getFirmware(orgId, firmwareId, { signal: abortSignal })),
  });
  protected readonly failure = resourceFailure(this.firmware);
  private readonly details = currentValue(this.firmware);

  protected readonly rows = computed(() => {
    const firmware = this.details();
    return firmware === null ? null : describeFirmware(firmware, this.t(), this.i18n.formats());
  });

  protected readonly problem = computed(() => {
    const failure = this.failure();
    const request = this.request();
    if (failure === null || request === undefined) return null;
    const t = this.t();
    return describePartFailure(failure, t, {
      title: t.firmware.failedTitle,
      notFound: { title: t.firmware.notFoundTitle, body: t.firmware.notFoundBody(request.firmwareId, request.orgId) },
    });
  });

  protected readonly announcement = computed(() => {
    if (this.firmware.isLoading()) return this.t().firmware.loading;
    return this.problem()?.title ?? '';
  });
}
