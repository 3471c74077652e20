import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes only the cells that need it and ends every line with CRLF', () => {
    expect(toCsv(['Question', 'Count'], [['Where is my order, please?', 3], ['Say "hi"', null]])).toBe(
      'Question,Count\r\n"Where is my order, please?",3\r\n"Say ""hi""",\r\n',
    );
  });
});
