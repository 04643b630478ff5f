import { LIMITS } from '@contract/limits';
import { describe, expect, it } from 'vitest';
import { readQuerySwitches } from './query';

describe('readQuerySwitches', () => {
  it('when ?name= is longer than the server accepts, then it is cut to the display-name limit', () => {
    const { name } = readQuerySwitches(`?name=${'N'.repeat(60)}`);
    expect(name).toBe('N'.repeat(LIMITS.displayName));
  });

  it('when ?name= is blank, then there is no name', () => {
    expect(readQuerySwitches('?name=%20%20').name).toBeNull();
  });

  it('when ?relay=1, then relay-only is on', () => {
    expect(readQuerySwitches('?relay=1').relayOnly).toBe(true);
  });
});
