/** The loopback Microsoft Graph stand-in; implemented in bench/ so the compiled benchmark shares it. */
export {
  startGraphStandIn,
  type AttendanceRow,
  type GraphStandIn,
  type GraphStandInOptions,
  type RecordedGraphRequest,
  type SentMessage,
  type StoredEvent,
} from '../../bench/graph-stand-in';
