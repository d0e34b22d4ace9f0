import { describe, expect, it } from 'vitest';
import { namesFromText, namesText } from '../../common/names.js';

describe('names from typed text: one rule everywhere', () => {
  it.each([
    ['Ana Lima', ['Ana Lima']],
    ['Ana Lima, Tom Ruiz', ['Ana Lima', 'Tom Ruiz']],
    ['Ana Lima and Tom Ruiz', ['Ana Lima', 'Tom Ruiz']],
    ['Ana Lima AND Tom Ruiz', ['Ana Lima', 'Tom Ruiz']],
    ['Ana Lima & Tom Ruiz', ['Ana Lima', 'Tom Ruiz']],
    ['Ana Lima; Tom Ruiz', ['Ana Lima', 'Tom Ruiz']],
    ['Ana Lima, Tom Ruiz and Eve Oduya', ['Ana Lima', 'Tom Ruiz', 'Eve Oduya']],
    ['Ana Lima, Tom Ruiz, and Eve Oduya', ['Ana Lima', 'Tom Ruiz', 'Eve Oduya']],
    ['  Ana Lima ,, ', ['Ana Lima']],
    ['Alexandra Sandoval', ['Alexandra Sandoval']],
    ['Fernando Andrade', ['Fernando Andrade']],
    ['', []],
  ])('%j gives %j', (text, names) => {
    expect(namesFromText(text)).toEqual(names);
  });

  it('reads back what it writes', () => {
    const names = ['Ana Lima', 'Tom Ruiz'];
    expect(namesFromText(namesText(names))).toEqual(names);
  });
});
