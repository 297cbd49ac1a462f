import { describe, expect, it, vi } from 'vitest';
import { createOnlineStatusStore, describeConnection } from './online-status.ts';

function fakeBrowser(initiallyOnline: boolean) {
  const target = new EventTarget();
  let onLine = initiallyOnline;
  const goOffline = () => {
    onLine = false;
    target.dispatchEvent(new Event('offline'));
  };
  const goOnline = () => {
    onLine = true;
    target.dispatchEvent(new Event('online'));
  };
  return { target, readOnLine: () => onLine, goOffline, goOnline };
}

describe('createOnlineStatusStore', () => {
  it('reports the current navigator.onLine value', () => {
    const online = fakeBrowser(true);
    const offline = fakeBrowser(false);
    expect(createOnlineStatusStore(online.target, online.readOnLine).getSnapshot()).toBe('online');
    expect(createOnlineStatusStore(offline.target, offline.readOnLine).getSnapshot()).toBe('offline');
  });

  it('notifies subscribers on offline and online events and follows the change', () => {
    const browser = fakeBrowser(true);
    const store = createOnlineStatusStore(browser.target, browser.readOnLine);
    const onChange = vi.fn();
    store.subscribe(onChange);

    browser.goOffline();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toBe('offline');

    browser.goOnline();
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(store.getSnapshot()).toBe('online');
  });

  it('stops notifying after unsubscribe', () => {
    const browser = fakeBrowser(true);
    const store = createOnlineStatusStore(browser.target, browser.readOnLine);
    const onChange = vi.fn();
    const unsubscribe = store.subscribe(onChange);

    unsubscribe();
    browser.goOffline();
    browser.goOnline();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('ignores unrelated events', () => {
    const browser = fakeBrowser(true);
    const store = createOnlineStatusStore(browser.target, browser.readOnLine);
    const onChange = vi.fn();
    store.subscribe(onChange);

    browser.target.dispatchEvent(new Event('focus'));
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('describeConnection', () => {
  it('gives a word label for each status, not only a colour', () => {
    expect(describeConnection('online').label).toBe('Online');
    expect(describeConnection('offline').label).toBe('Offline');
    expect(describeConnection('offline').detail).not.toBe(describeConnection('online').detail);
  });
});
