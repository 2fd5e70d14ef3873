import { Button, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useRequest } from '../src/api/use-request.js';

function deferred() {
  let resolve!: (v: string) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<string>((res, rej) => { resolve = res; reject = rej; });
  // The hook subscribes in a passive effect, which may run after a test rejects: keep Node from calling that unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Shows the loaded value for the current key; a button switches the key. */
function Harness(props: { loads: Record<string, Promise<string>> }) {
  const [key, setKey] = useState('a');
  const { state } = useRequest(key, () => props.loads[key]!);
  return (
    <>
      <Button testId="switch" onClick={() => setKey('b')}>switch</Button>
      <Text testId="state">{state.status === 'success' ? state.data : state.status === 'error' ? `error: ${state.error.message}` : 'loading'}</Text>
    </>
  );
}

describe('useRequest', () => {
  it('drops an answer for an earlier key that arrives after the current one', async () => {
    const a = deferred();
    const b = deferred();
    const r = createRenderer('crm.record.tab');
    r.render(<Harness loads={{ a: a.promise, b: b.promise }} />);
    expect(r.findByTestId(Text, 'state').text).toBe('loading');
    r.findByTestId(Button, 'switch').trigger('onClick');
    b.resolve('contact B');
    await r.waitFor(() => expect(r.findByTestId(Text, 'state').text).toBe('contact B'));
    a.resolve('contact A');
    await a.promise;
    await Promise.resolve();
    expect(r.findByTestId(Text, 'state').text).toBe('contact B');
  });

  it('drops a late failure for an earlier key as well', async () => {
    const a = deferred();
    const b = deferred();
    const r = createRenderer('crm.record.tab');
    r.render(<Harness loads={{ a: a.promise, b: b.promise }} />);
    r.findByTestId(Button, 'switch').trigger('onClick');
    b.resolve('contact B');
    await r.waitFor(() => expect(r.findByTestId(Text, 'state').text).toBe('contact B'));
    a.reject(new Error('timeout'));
    await a.promise.catch(() => undefined);
    await Promise.resolve();
    expect(r.findByTestId(Text, 'state').text).toBe('contact B');
  });

  it('reports a failure of the current key as an error state', async () => {
    const a = deferred();
    const r = createRenderer('crm.record.tab');
    r.render(<Harness loads={{ a: a.promise }} />);
    a.reject(new Error('timeout'));
    await r.waitFor(() => expect(r.findByTestId(Text, 'state').text).toBe('error: timeout'));
  });
});
