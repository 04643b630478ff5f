import { ipKeyGenerator } from 'express-rate-limit';

/**
 * The key every per-address limit counts under, REST and Socket.io alike: an IPv4 address as is
 * (IPv4-mapped IPv6 unwrapped), an IPv6 address by its /56 network, since one subscriber is
 * commonly handed a /56 or /64 and can pick any address in it.
 */
export function addressKey(address: string): string {
  return ipKeyGenerator(address, 56);
}
