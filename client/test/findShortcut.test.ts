import { describe, expect, it } from 'vitest';
import { isApplePlatform, isFindShortcut, isTextEntry } from '../src/panels/findShortcut.ts';

const chord = (key: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe('isFindShortcut', () => {
  it('is Ctrl+F elsewhere and Cmd+F on Apple devices, where Ctrl+F moves the caret', () => {
    expect(isFindShortcut(chord('f', { ctrl: true }), false)).toBe(true);
    expect(isFindShortcut(chord('F', { ctrl: true }), false)).toBe(true);
    expect(isFindShortcut(chord('f', { meta: true }), false)).toBe(false);
    expect(isFindShortcut(chord('f', { meta: true }), true)).toBe(true);
    expect(isFindShortcut(chord('f', { ctrl: true }), true)).toBe(false);
  });

  it('leaves other chords alone (Ctrl+Shift+F, Ctrl+Alt+F, plain f)', () => {
    expect(isFindShortcut(chord('f', { ctrl: true, shift: true }), false)).toBe(false);
    expect(isFindShortcut(chord('f', { ctrl: true, alt: true }), false)).toBe(false);
    expect(isFindShortcut(chord('f'), false)).toBe(false);
    expect(isFindShortcut(chord('g', { ctrl: true }), false)).toBe(false);
  });

  it('knows Apple platforms', () => {
    expect(isApplePlatform('MacIntel')).toBe(true);
    expect(isApplePlatform('iPad')).toBe(true);
    expect(isApplePlatform('Win32')).toBe(false);
    expect(isApplePlatform('Linux x86_64')).toBe(false);
  });
});

describe('isTextEntry', () => {
  const element = (fields: Record<string, unknown>) => fields as unknown as EventTarget;

  it('is true where people type words: text inputs, text areas, editable content', () => {
    expect(isTextEntry(element({ tagName: 'INPUT', type: 'text' }))).toBe(true);
    expect(isTextEntry(element({ tagName: 'INPUT', type: 'search' }))).toBe(true);
    expect(isTextEntry(element({ tagName: 'TEXTAREA' }))).toBe(true);
    expect(isTextEntry(element({ tagName: 'DIV', isContentEditable: true }))).toBe(true);
  });

  it('is false on a checkbox, a button, a card on the canvas, or nothing', () => {
    expect(isTextEntry(element({ tagName: 'INPUT', type: 'checkbox' }))).toBe(false);
    expect(isTextEntry(element({ tagName: 'BUTTON', type: 'button' }))).toBe(false);
    expect(isTextEntry(element({ tagName: 'DIV', isContentEditable: false }))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
