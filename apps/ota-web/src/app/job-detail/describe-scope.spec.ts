import { describeContext } from '../../testing/jobs';
import { LISTED_ITEMS_LIMIT, describeUpgradeScope } from './describe-scope';

describe('describeUpgradeScope', () => {
  const ctx = describeContext('en');

  it('says a total scope in one sentence', () => {
    expect(describeUpgradeScope({ type: 'total', versionNumbers: ['1.0'], deviceKeys: null }, ctx)).toEqual({
      value: 'All devices on firmware version 1.0.',
      lines: [],
      notes: [],
      undocumented: false,
    });
    expect(describeUpgradeScope({ type: 'total', versionNumbers: ['1.0', '1.1'] }, ctx).value).toBe(
      'All devices on firmware versions 1.0 and 1.1.',
    );
    expect(describeUpgradeScope({ type: 'total', versionNumbers: [] }, ctx).value).toBe(
      'All devices, whatever firmware version they run.',
    );
  });

  it('spells out each criterion of a partial scope', () => {
    const described = describeUpgradeScope(
      {
        type: 'partial',
        versionNumbers: ['1.0', '1.1'],
        deviceKeys: ['dev-1', 'dev-2', 'dev-3'],
        tags: { region: 'east', tier: 'gold' },
        attributes: { model: 'X1', ratedPower: 5 },
        assetTrees: [
          { treeId: 'tree-1', includedNotes: ['a', 'b'] },
          { treeId: 'tree-2', includedNodes: ['c'] },
        ],
      },
      ctx,
    );
    expect(described.value).toBe('Selected devices');
    expect(described.lines).toEqual([
      'Devices on firmware versions 1.0 and 1.1.',
      'These 3 devices: dev-1, dev-2, and dev-3.',
      'Devices tagged region = east and tier = gold.',
      'Devices whose attributes are model = X1 and ratedPower = 5.',
      'Devices in asset tree tree-1 (nodes a and b) and asset tree tree-2 (nodes c).',
    ]);
    expect(described.undocumented).toBe(false);
  });

  it('names one device in the singular and cuts long lists', () => {
    expect(describeUpgradeScope({ type: 'partial', deviceKeys: ['dev-1'] }, ctx).lines).toEqual([
      'This device: dev-1.',
    ]);
    const keys = Array.from({ length: LISTED_ITEMS_LIMIT + 5 }, (_, i) => `d${i}`);
    const [line] = describeUpgradeScope({ type: 'partial', deviceKeys: keys }, ctx).lines;
    expect(line).toMatch(/^These 25 devices: d0, d1, .*d19, and 5 more\.$/);
  });

  it('says when a partial scope names no devices', () => {
    expect(describeUpgradeScope({ type: 'partial', deviceKeys: null, tags: {}, attributes: null }, ctx).lines).toEqual([
      'No device criteria are given.',
    ]);
  });

  it('shows undocumented scope types and fields as sent', () => {
    const described = describeUpgradeScope({ type: 'canary', deviceKeys: ['d1'], wave: 2 }, ctx);
    expect(described.value).toBe('canary');
    expect(described.notes).toEqual(['Not a documented value; shown as EnOS sent it.']);
    expect(described.lines).toEqual(['This device: d1.', 'wave: 2']);
    expect(described.undocumented).toBe(true);
  });

  it('speaks Chinese', () => {
    const zh = describeContext('zh-CN');
    expect(describeUpgradeScope({ type: 'total', versionNumbers: ['1.0'] }, zh).value).toBe(
      '固件版本为 1.0 的全部设备。',
    );
    expect(describeUpgradeScope({ type: 'partial', deviceKeys: ['a', 'b'] }, zh)).toMatchObject({
      value: '部分设备',
      lines: ['以下 2 台设备：a和b。'],
    });
  });
});
