import { describe, expect, it } from 'vitest';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import * as Y from 'yjs';
import { createOrigin, initMap, type Role } from '@loopmap/shared';
import { MapEditor } from '../src/collab/MapEditor.ts';
import type { MapSession } from '../src/collab/MapSession.ts';
import type { FlowStore } from '../src/canvas/FlowStore.ts';
import { MapPageContext, type MapPageContextValue } from '../src/pages/MapPageContext.ts';
import { HistoryPanel } from '../src/panels/history/HistoryPanel.tsx';
import { LoopSection } from '../src/panels/history/LoopSection.tsx';
import { ElementHistory } from '../src/panels/history/ElementHistory.tsx';
import { useCatalogue } from './catalogue.ts';

// The components read their words through react-i18next: the app's instance, in English.
await useCatalogue('en');

/**
 * The panels rendered to HTML (no DOM in these tests, and no effects: what loads over REST shows
 * as loading): which controls each role gets, and that they work inside a map page's context
 * only from useMapPage().
 */
function page(role: Role): MapPageContextValue {
  const origin = createOrigin('user', 'u1');
  const doc = new Y.Doc();
  initMap(doc, { title: 'Test map', kind: 'theory-of-change' }, origin);
  return {
    mapId: 'm1',
    user: { id: 'u1', name: 'Ana', email: 'ana@example.org' },
    role,
    readOnly: role === 'viewer' || role === 'commenter',
    session: { doc, mapId: 'm1' } as unknown as MapSession,
    editor: new MapEditor(doc, origin),
    store: {} as FlowStore,
    version: { mode: 'live' },
    showVersion: () => undefined,
    reveal: () => undefined,
    notice: () => undefined,
  };
}

function render(role: Role, node: ReactNode): string {
  return renderToStaticMarkup(createElement(MapPageContext.Provider, { value: page(role) }, node));
}

describe('HistoryPanel', () => {
  const panel = createElement(HistoryPanel, { onClose: () => undefined });

  it('offers snapshots and selective restore to owners', () => {
    const html = render('owner', panel);
    expect(html).toContain('Take snapshot');
    expect(html).toContain('Undo someone’s changes');
    expect(html).toContain('Recent changes');
    expect(html).toContain('Live sessions');
  });

  it('lets editors take snapshots but not restore', () => {
    const html = render('editor', panel);
    expect(html).toContain('Take snapshot');
    expect(html).not.toContain('Undo someone’s changes');
  });

  it('shows viewers the history without controls', () => {
    const html = render('viewer', panel);
    expect(html).not.toContain('Take snapshot');
    expect(html).not.toContain('Undo someone’s changes');
    expect(html).toContain('Loading snapshots');
  });
});

describe('LoopSection', () => {
  const lessons = [
    {
      id: 'l1',
      loop: 'double' as const,
      text: 'The pathway through schools was wrong',
      cardId: 'c1',
      createdAt: '2026-03-01T10:00:00Z',
      createdBy: { id: 'u2', name: 'Ben' },
    },
  ];
  const section = (canContribute: boolean) =>
    createElement(LoopSection, {
      reviewId: 'r1',
      loop: 'double',
      notes: 'Is the school pathway right?',
      lessons,
      canContribute,
      onSaveNotes: canContribute ? async () => undefined : undefined,
      onLesson: () => undefined,
    });

  it('asks its loop’s question and lists its lessons with a way to the card', () => {
    const html = render('editor', section(true));
    expect(html).toContain('Are we doing the right things?');
    expect(html).toContain('The pathway through schools was wrong');
    expect(html).toContain('Show card');
    expect(html).toContain('<textarea');
    expect(html).toContain('Add lesson');
  });

  it('is text only for those who cannot contribute', () => {
    const html = render('viewer', section(false));
    expect(html).toContain('Is the school pathway right?');
    expect(html).not.toContain('<textarea');
    expect(html).not.toContain('Add lesson');
  });
});

describe('ElementHistory', () => {
  it('is a collapsed History section on a map page, and nothing elsewhere', () => {
    expect(render('viewer', createElement(ElementHistory, { id: 'n1' }))).toContain('History</summary>');
    expect(renderToStaticMarkup(createElement(ElementHistory, { id: 'n1' }))).toBe('');
  });
});
