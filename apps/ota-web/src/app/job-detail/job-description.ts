import type { Messages } from '../i18n/en';
import type { Formats } from '../i18n/formats';

/** What describing a job needs: the dictionary, Intl for the same locale, and the current time. */
export interface DescribeContext {
  readonly t: Messages;
  readonly formats: Formats;
  /** Epoch ms, for relative times. */
  readonly now: number;
}

export type BadgeTone = 'positive' | 'neutral' | 'info' | 'unknown';

export interface Badge {
  readonly text: string;
  readonly tone: BadgeTone;
}

/** One JobInfo field in words. `field` is EnOS's own name for it, shown for support. */
export interface FieldRow {
  readonly field: string;
  readonly label: string;
  readonly value: string;
  /** Show `value` as a badge. */
  readonly badge?: Badge;
  /** Identifiers and raw JSON: monospace. */
  readonly mono?: boolean;
  /** Multi-line raw JSON. */
  readonly pre?: boolean;
  /** Sentences that spell out the value. */
  readonly lines?: readonly string[];
  /** Explanations and caveats, shown quieter. */
  readonly notes?: readonly string[];
  readonly deprecated?: boolean;
  /** The value (or the whole field) is not documented by EnOS and is shown as sent. */
  readonly undocumented?: boolean;
}

export interface FieldSection {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly FieldRow[];
}

export interface JobDescription {
  readonly title: string;
  readonly status: Badge;
  readonly type: Badge;
  readonly sections: readonly FieldSection[];
}
