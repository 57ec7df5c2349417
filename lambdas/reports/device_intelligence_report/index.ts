export { deviceReport, type DeviceEvidence } from './report';
export { classifyIp, MaxmindCountryLookup, type IpCountryLookup, type IpKind } from './ip';
export { describeClient, type DeviceSignals } from './user-agent';
