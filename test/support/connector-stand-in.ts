/** The loopback connector stand-in; implemented in bench/ so the compiled benchmark shares it. */
export { startConnectorStandIn, teamsLimits, type ConnectorStandIn, type RecordedActivity } from '../../bench/connector-stand-in';
