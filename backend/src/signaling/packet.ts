/** Events whose only argument is the ack. */
const ACK_ONLY_EVENTS = new Set(['leave-meeting', 'refresh-ice-servers']);

/**
 * Clients may send too few or too many arguments. Reshapes the packet in place to
 * `[event, payload, ack]` (`[event, ack]` for ack-only events), so every handler finds its ack
 * where it expects it and extra arguments never reach it. Returns the ack, if any.
 */
export function normalizePacket(packet: unknown[]): unknown {
  const last = packet.length > 1 ? packet.at(-1) : undefined;
  const ack = typeof last === 'function' ? last : undefined;
  const payload = packet.length > (ack ? 2 : 1) ? packet[1] : undefined;
  packet.splice(1, packet.length - 1, ...(ACK_ONLY_EVENTS.has(packet[0] as string) ? [ack] : [payload, ack]));
  return ack;
}
