/** The loopback round-robin proxy; implemented in bench/ so the compiled benchmark shares it. */
export { startRoundRobinProxy, type RoundRobinProxy } from '../../bench/round-robin-proxy';
