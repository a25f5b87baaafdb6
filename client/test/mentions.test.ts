import { describe, expect, it } from 'vitest';
import {
  insertMention,
  matchMembers,
  mentionedIds,
  mentionQueryAt,
  splitMentions,
  type Member,
} from '../src/panels/mentions.ts';

const amina: Member = { id: 'u-amina', name: 'Amina Diallo' };
const ana: Member = { id: 'u-ana', name: 'Ana' };
const anaLucia: Member = { id: 'u-ana-lucia', name: 'Ana Lucia' };
const zoe: Member = { id: 'u-zoe', name: 'Zoë Ngata' };
const jean: Member = { id: 'u-jean', name: 'Jean-Paul Obi' };
const members = [amina, ana, anaLucia, zoe, jean];

/** The query at the end of the text, as if the caret were there. */
const queryAtEnd = (text: string) => mentionQueryAt(text, text.length);

describe('mentionQueryAt', () => {
  it('finds the "@…" being typed at the start, after a space, a bracket or a quote', () => {
    expect(queryAtEnd('@')).toEqual({ start: 0, query: '' });
    expect(queryAtEnd('Thanks @Am')).toEqual({ start: 7, query: 'Am' });
    expect(queryAtEnd('(cc @zo')).toEqual({ start: 4, query: 'zo' });
    expect(queryAtEnd('“@Ana')).toEqual({ start: 1, query: 'Ana' });
    expect(queryAtEnd('ask @Amina Di')).toEqual({ start: 4, query: 'Amina Di' });
  });

  it('ignores emails, a space right after "@", other lines, and text far from any "@"', () => {
    expect(queryAtEnd('mail amina@example.org')).toBeNull();
    expect(queryAtEnd('@ hello')).toBeNull();
    expect(queryAtEnd('@Amina\nand then')).toBeNull();
    expect(queryAtEnd('no mention here')).toBeNull();
    expect(queryAtEnd(`@${'x'.repeat(200)}`)).toBeNull();
  });

  it('reads up to the caret, not the end of the text', () => {
    expect(mentionQueryAt('@Ana and more', 4)).toEqual({ start: 0, query: 'Ana' });
    expect(mentionQueryAt('hi @Ana', 2)).toBeNull();
  });
});

describe('matchMembers', () => {
  it('puts names starting with the query first, then later words, ignoring case and accents', () => {
    expect(matchMembers(members, 'an').map((m) => m.name)).toEqual(['Ana', 'Ana Lucia']);
    expect(matchMembers(members, 'zoe').map((m) => m.name)).toEqual(['Zoë Ngata']);
    expect(matchMembers(members, 'DIAL').map((m) => m.name)).toEqual(['Amina Diallo']);
    expect(matchMembers(members, 'paul').map((m) => m.name)).toEqual(['Jean-Paul Obi']);
    expect(matchMembers(members, 'lucia').map((m) => m.name)).toEqual(['Ana Lucia']);
  });

  it('does not match the middle of a word, and lists everyone (by name, up to the limit) for ""', () => {
    expect(matchMembers(members, 'ina')).toEqual([]);
    expect(matchMembers(members, '').map((m) => m.name)).toEqual([
      'Amina Diallo',
      'Ana',
      'Ana Lucia',
      'Jean-Paul Obi',
      'Zoë Ngata',
    ]);
    expect(matchMembers(members, '', 2)).toHaveLength(2);
  });

  it('matches a full name typed with its space, but not once the mention is complete and followed by a space', () => {
    expect(matchMembers(members, 'Amina D')).toEqual([amina]);
    expect(matchMembers(members, 'Amina Diallo ')).toEqual([]);
  });
});

describe('insertMention', () => {
  it('replaces the query with "@Name " and puts the caret after the space', () => {
    expect(insertMention('Thanks @am', 7, 10, amina)).toEqual({ text: 'Thanks @Amina Diallo ', caret: 21 });
  });

  it('keeps the text after the caret and does not double a space', () => {
    const text = 'cc @zo and more';
    const result = insertMention(text, 3, 6, zoe);
    expect(result.text).toBe('cc @Zoë Ngata and more');
    expect(result.text.slice(result.caret)).toBe('and more');
  });
});

describe('mentionedIds', () => {
  it('keeps the picks whose "@Name" is still in the text, once each, in text order', () => {
    expect(mentionedIds('@Zoë Ngata and @Amina Diallo, and @Zoë Ngata again', [amina, zoe, amina])).toEqual([
      zoe.id,
      amina.id,
    ]);
  });

  it('drops a pick whose mention was edited away or merged into a longer word', () => {
    expect(mentionedIds('Ask Amina Diallo', [amina])).toEqual([]);
    expect(mentionedIds('@Anastasia', [ana])).toEqual([]);
    expect(mentionedIds('@Ana, @Ana Lucia', [ana, anaLucia])).toEqual([ana.id, anaLucia.id]);
  });
});

describe('splitMentions', () => {
  it('cuts a body into text and mentions, preferring the longest name', () => {
    expect(splitMentions('Hi @Ana Lucia and @Ana!', [ana, anaLucia])).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', text: '@Ana Lucia', member: anaLucia },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@Ana', member: ana },
      { kind: 'text', text: '!' },
    ]);
  });

  it('leaves text alone without mentions, or with an "@" that mentions nobody listed', () => {
    expect(splitMentions('mail me @ home, @Bob', [ana])).toEqual([{ kind: 'text', text: 'mail me @ home, @Bob' }]);
    expect(splitMentions('', [ana])).toEqual([]);
    expect(splitMentions('@Ana', [ana])).toEqual([{ kind: 'mention', text: '@Ana', member: ana }]);
  });
});
