import { describe, expect, it } from 'vitest';
import { parsePdfDate } from './pdf-date.js';
import { pdfMetadata } from './pdf-metadata.js';

describe('parsePdfDate', () => {
  it('reads full dates with a UTC or numeric offset', () => {
    expect(parsePdfDate('D:20250208122313Z')).toBe('2025-02-08T12:23:13.000Z');
    expect(parsePdfDate("D:20250208122313+01'00'")).toBe('2025-02-08T11:23:13.000Z');
    expect(parsePdfDate("D:20250208122313-05'30")).toBe('2025-02-08T17:53:13.000Z');
  });

  it('fills missing parts from the start of the period', () => {
    expect(parsePdfDate('D:2024')).toBe('2024-01-01T00:00:00.000Z');
    expect(parsePdfDate('20240315')).toBe('2024-03-15T00:00:00.000Z');
  });

  it('gives null for anything else', () => {
    expect(parsePdfDate('yesterday')).toBeNull();
    expect(parsePdfDate('D:20241399')).toBeNull();
    expect(parsePdfDate(undefined)).toBeNull();
    expect(parsePdfDate(20240101)).toBeNull();
  });
});

describe('pdfMetadata', () => {
  it('maps the information dictionary, dropping blank and non-string values', () => {
    expect(
      pdfMetadata({
        Title: '  A title ',
        Author: '',
        Subject: 42,
        Producer: 'pdfTeX',
        Creator: 'TeX\u0000',
        CreationDate: 'D:20250208122313Z',
      }),
    ).toEqual({
      title: 'A title',
      author: null,
      subject: null,
      keywords: null,
      creator: 'TeX',
      producer: 'pdfTeX',
      language: null,
      createdAt: '2025-02-08T12:23:13.000Z',
      modifiedAt: null,
    });
  });
});
