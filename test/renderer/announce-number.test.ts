// Vietnamese number reading (renderer/display/vi-number.ts): whole or digit by digit, Southern vs Northern words.
import { describe, expect, it } from 'vitest';
import { readNumber, type ReadingMode, type Region } from '../../renderer/display/vi-number.js';

const WHOLE: [string, string, string][] = [
  // [number, South, North]
  ['0', 'không', 'không'],
  ['1', 'một', 'một'],
  ['5', 'năm', 'năm'],
  ['10', 'mười', 'mười'],
  ['11', 'mười một', 'mười một'],
  ['14', 'mười bốn', 'mười bốn'],
  ['15', 'mười lăm', 'mười lăm'],
  ['20', 'hai mươi', 'hai mươi'],
  ['21', 'hai mươi mốt', 'hai mươi mốt'],
  ['24', 'hai mươi tư', 'hai mươi tư'],
  ['25', 'hai mươi lăm', 'hai mươi lăm'],
  ['99', 'chín mươi chín', 'chín mươi chín'],
  ['100', 'một trăm', 'một trăm'],
  ['101', 'một trăm lẻ một', 'một trăm linh một'],
  ['105', 'một trăm lẻ năm', 'một trăm linh năm'],
  ['110', 'một trăm mười', 'một trăm mười'],
  ['115', 'một trăm mười lăm', 'một trăm mười lăm'],
  ['121', 'một trăm hai mươi mốt', 'một trăm hai mươi mốt'],
  ['1000', 'một ngàn', 'một nghìn'],
  ['1001', 'một ngàn không trăm lẻ một', 'một nghìn không trăm linh một'],
  ['1005', 'một ngàn không trăm lẻ năm', 'một nghìn không trăm linh năm'],
  ['1010', 'một ngàn không trăm mười', 'một nghìn không trăm mười'],
  ['1015', 'một ngàn không trăm mười lăm', 'một nghìn không trăm mười lăm'],
  ['1021', 'một ngàn không trăm hai mươi mốt', 'một nghìn không trăm hai mươi mốt'],
  ['1024', 'một ngàn không trăm hai mươi tư', 'một nghìn không trăm hai mươi tư'],
  ['1100', 'một ngàn một trăm', 'một nghìn một trăm'],
  ['1105', 'một ngàn một trăm lẻ năm', 'một nghìn một trăm linh năm'],
  ['1999', 'một ngàn chín trăm chín mươi chín', 'một nghìn chín trăm chín mươi chín'],
  ['2000', 'hai ngàn', 'hai nghìn'],
  ['2001', 'hai ngàn không trăm lẻ một', 'hai nghìn không trăm linh một'],
  ['3015', 'ba ngàn không trăm mười lăm', 'ba nghìn không trăm mười lăm'],
  ['10005', 'mười ngàn không trăm lẻ năm', 'mười nghìn không trăm linh năm'],
  ['21000', 'hai mươi mốt ngàn', 'hai mươi mốt nghìn'],
  ['105000', 'một trăm lẻ năm ngàn', 'một trăm linh năm nghìn'],
  ['999999', 'chín trăm chín mươi chín ngàn chín trăm chín mươi chín', 'chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
];

const said = (text: string, mode: ReadingMode, region: Region) => readNumber(text, mode, region).join(' ');

describe('readNumber, whole', () => {
  it.each(WHOLE)('%s → South "%s", North "%s"', (number, south, north) => {
    expect(said(number, 'whole', 'south')).toBe(south);
    expect(said(number, 'whole', 'north')).toBe(north);
  });

  it('defaults to whole reading with Southern words', () => {
    expect(readNumber('1005').join(' ')).toBe('một ngàn không trăm lẻ năm');
  });
});

describe('readNumber, digit by digit', () => {
  it.each([
    ['1005', 'một không không năm'],
    ['2021', 'hai không hai một'],
    ['15', 'một năm'],
    ['0', 'không'],
  ])('%s → "%s" in both regions', (number, words) => {
    expect(said(number, 'digits', 'south')).toBe(words);
    expect(said(number, 'digits', 'north')).toBe(words);
  });
});

describe('readNumber, odd input', () => {
  it('reads a leading zero digit by digit so no digit is lost', () => {
    expect(said('007', 'whole', 'south')).toBe('không không bảy');
  });
  it('reads numbers above 999 999 digit by digit', () => {
    expect(said('1234567', 'whole', 'south')).toBe('một hai ba bốn năm sáu bảy');
  });
  it('ignores non-digits and reads nothing for an empty string', () => {
    expect(said('A-1005', 'whole', 'south')).toBe('một ngàn không trăm lẻ năm');
    expect(readNumber('', 'whole', 'south')).toEqual([]);
    expect(readNumber('abc', 'digits', 'north')).toEqual([]);
  });
});
