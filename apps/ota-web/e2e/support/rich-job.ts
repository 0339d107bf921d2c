/**
 * A job with every JobInfo field set, as EnOS 2.4 sends them (numbers partly as strings), plus an
 * undocumented field and value: served with `page.route` so that any backend can show it.
 */
export const RICH_JOB = {
  orgId: 'yourOrgId',
  productKey: null,
  jobId: '12a97cffb37487719e040f19',
  name: {
    defaultValue: 'Inverter firmware upgrade 2.0.0',
    i18nValue: { zh_CN: '逆变器固件升级 2.0.0', en_US: 'Inverter firmware upgrade 2.0.0' },
  },
  firmwareId: 'b6acec82ed06291e162a7290',
  firmwareVersion: '2.0.0',
  firmwareName: {
    defaultValue: 'Inverter firmware 2.0.0',
    i18nValue: { ja_JP: 'インバーターのファームウェア 2.0.0' },
  },
  type: 'upgrade',
  enableUpgradeRequest: false,
  upgradePolicy: 'incremental',
  upgradeScope: {
    type: 'partial',
    versionNumbers: ['1.3.0', '1.3.1'],
    deviceKeys: ['inv-000', 'inv-013', 'inv-026'],
    attributes: { ratedPower: '5kW' },
    tags: { site: 'Zhangbei', phase: '2' },
    assetTrees: [{ treeId: 'wind-farms', includedNotes: ['zb-01', 'zb-02'] }],
  },
  upgradeTimeout: '5400',
  retryPolicy: { enableRetry: true, retryInterval: '10', retryCount: 3 },
  schedulePolicy: {
    isRepeatDaily: true,
    startTimestamp: 1593565200000,
    endTimestamp: 1593579600000,
    timezoneOffsetInMinutes: 480,
  },
  maximumConcurrency: '100',
  startSchedule: null,
  endSchedule: null,
  status: 'paused',
  createTime: 1593561600000,
  rolloutWave: { index: 2, of: 5 },
};
