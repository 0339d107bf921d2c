import type { UpgradeScope } from '@enos-ota/ota-contract';
import type { DescribeContext } from './job-description';
import { extraEntries, isPlainObject, rawText } from './lenient-values';

const SCOPE_FIELDS = [
  'type',
  'versionNumbers',
  'deviceKeys',
  'attributes',
  'tags',
  'assetTrees',
] as const satisfies readonly (keyof UpgradeScope)[];

/** Longer lists (device keys) are cut here; the raw JSON view has them all. */
export const LISTED_ITEMS_LIMIT = 20;

export interface ScopeDescription {
  /** For a total scope the whole sentence; else `Selected devices` or the undocumented type as sent. */
  readonly value: string;
  /** One plain sentence per criterion. */
  readonly lines: readonly string[];
  readonly notes: readonly string[];
  readonly undocumented: boolean;
}

/** An UpgradeScope as sentences: versions, device keys, tags, attributes, asset trees. */
export function describeUpgradeScope(scope: Record<string, unknown>, ctx: DescribeContext): ScopeDescription {
  const { t, formats } = ctx;
  const s = t.values.scope;
  const type = scope['type'];
  const lines: string[] = [];
  const notes: string[] = [];
  let undocumented = false;

  const versions = textList(scope['versionNumbers']);
  let value: string;
  if (type === 'total') {
    // A total scope is one sentence: every device on the listed versions.
    value = versions.length > 0 ? s.totalOnVersions(versions.length, formats.list(versions)) : s.totalAnyVersion;
  } else if (type === 'partial') value = s.partial;
  else if (type === null || type === undefined) value = t.values.notStated;
  else {
    value = rawText(type);
    undocumented = true;
    notes.push(t.values.undocumentedValue);
  }

  if (type !== 'total' && versions.length > 0) lines.push(s.versions(versions.length, formats.list(versions)));

  const deviceKeys = textList(scope['deviceKeys']);
  if (deviceKeys.length > 0) lines.push(s.deviceKeys(deviceKeys.length, cappedList(deviceKeys, ctx)));

  const tags = conditions(scope['tags'], ctx);
  if (tags !== null) lines.push(s.tags(tags));

  const attributes = conditions(scope['attributes'], ctx);
  if (attributes !== null) lines.push(s.attributes(attributes));

  const trees = assetTrees(scope['assetTrees'], ctx);
  if (trees !== null) lines.push(s.assetTrees(trees));

  for (const [key, extra] of extraEntries(scope, SCOPE_FIELDS)) {
    lines.push(t.values.extra(key, rawText(extra)));
    undocumented = true;
  }
  if (type !== 'total' && lines.length === 0) lines.push(s.noCriteria);
  return { value, lines, notes, undocumented };
}

/** A list field's items as text; a lone value counts as a list of one, null as none. */
function textList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(rawText);
}

function cappedList(items: readonly string[], { t, formats }: DescribeContext): string {
  if (items.length <= LISTED_ITEMS_LIMIT) return formats.list(items);
  const shown = items.slice(0, LISTED_ITEMS_LIMIT);
  return formats.list([...shown, t.values.scope.more(items.length - LISTED_ITEMS_LIMIT)]);
}

/** Tag or attribute conditions (`key = value`); an array of conditions is listed as sent. */
function conditions(value: unknown, { formats }: DescribeContext): string | null {
  if (isPlainObject(value)) {
    const pairs = Object.entries(value).map(([key, wanted]) => `${key} = ${rawText(wanted)}`);
    return pairs.length > 0 ? formats.list(pairs) : null;
  }
  const items = textList(value);
  return items.length > 0 ? formats.list(items) : null;
}

function assetTrees(value: unknown, ctx: DescribeContext): string | null {
  const trees = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (trees.length === 0) return null;
  const s = ctx.t.values.scope;
  const described = trees.map((tree: unknown) => {
    if (!isPlainObject(tree)) return rawText(tree);
    const treeId = rawText(tree['treeId'] ?? null);
    // The vendor sample spells it `includedNotes`; `includedNodes` is the likely intent. Accept either.
    const nodes = textList(tree['includedNodes'] ?? tree['includedNotes']);
    return nodes.length > 0 ? s.assetTreeNodes(treeId, ctx.formats.list(nodes)) : s.assetTree(treeId);
  });
  return ctx.formats.list(described);
}
