import { describe, expect, it } from 'vitest';
import { RecentFiles } from './recent-files.js';

describe('RecentFiles', () => {
  it('hands each kept file out once', () => {
    const recent = new RecentFiles(100);
    recent.keep('a', Buffer.from('alpha'));
    expect(recent.take('a')?.toString()).toBe('alpha');
    expect(recent.take('a')).toBeUndefined();
    expect(recent.take('never kept')).toBeUndefined();
  });

  it('drops the oldest files past its byte budget and never keeps a file larger than the budget', () => {
    const recent = new RecentFiles(10);
    recent.keep('a', Buffer.alloc(4));
    recent.keep('b', Buffer.alloc(4));
    recent.keep('c', Buffer.alloc(4));
    expect(recent.take('a')).toBeUndefined();
    expect(recent.take('b')?.length).toBe(4);
    recent.keep('huge', Buffer.alloc(11));
    expect(recent.take('huge')).toBeUndefined();
    expect(recent.take('c')?.length).toBe(4);
  });

  it('counts a file kept twice once', () => {
    const recent = new RecentFiles(8);
    recent.keep('a', Buffer.alloc(4));
    recent.keep('a', Buffer.alloc(4));
    recent.keep('b', Buffer.alloc(4));
    expect(recent.take('a')?.length).toBe(4);
    expect(recent.take('b')?.length).toBe(4);
  });
});
