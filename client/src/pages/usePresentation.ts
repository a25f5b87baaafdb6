import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import type * as Y from 'yjs';
import { presentationStepElements, presentationSteps, type PresentationStep } from '@loopmap/shared';
import type { FlowStore } from '../canvas/FlowStore.ts';
import { PRESENTATION_START, goToStep, moveStep, stepIndex, type PresentationState } from '../canvas/presentation.ts';
import type { CardNode, LinkEdge } from '../canvas/toFlow.ts';
import { useFitCards } from '../canvas/useFitCards.ts';
import { useMapGraph } from '../collab/useMapGraph.ts';

/** The whole map, with a little more room to spare than elsewhere: the cards are drawn larger. */
const OVERVIEW = { padding: 0.08, maxZoom: 1.2, duration: 500 };
/** A step's cards, close enough to read from the back of the room, with room around them. */
const STEP = { padding: 0.3, maxZoom: 1.3, duration: 500 };
/** Starts presenting; the toolbar's button says so too (aria-keyshortcuts, title). */
export const PRESENT_SHORTCUT = 'Shift+P';

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.matches('input, textarea, select, [contenteditable="true"]'));

export interface Presentation {
  /** Null while not presenting. The one piece of state a presenter would broadcast. */
  state: PresentationState | null;
  steps: readonly PresentationStep[];
  /** The step on screen; -1 for the overview. */
  index: number;
  start: () => void;
  stop: () => void;
  move: (delta: 1 | -1) => void;
}

/**
 * Presentation mode: the map fitted with larger type, stepped through card by card from the
 * impact down (see presentationSteps), the view following each step and everything but the
 * step's cards dimmed. It changes nothing in the document, so viewers may present too. Leaving
 * brings back the view the user had.
 *
 * The place in the presentation is one small value (`state`); the view, the dimming and the
 * caption all follow from it, so letting others follow a presenter later only means sending it.
 */
export function usePresentation(doc: Y.Doc, store: FlowStore, available: boolean): Presentation {
  const [state, setState] = useState<PresentationState | null>(null);
  const presenting = state !== null;
  const graph = useMapGraph(doc);
  // Only while presenting: nobody else needs the order, and a peer's typing changes the graph.
  const steps = useMemo(() => (presenting ? presentationSteps(graph) : []), [presenting, graph]);
  const index = state ? stepIndex(steps, state) : -1;
  const step = steps[index] ?? null;

  const flow = useReactFlow<CardNode, LinkEdge>();
  const flowStore = useStoreApi<CardNode, LinkEdge>();
  const fitCards = useFitCards(store);
  // The view to come back to, as what was at the middle of the pane and the zoom: the pane
  // changes size on the way back (the panels and the header return), and a middle and a zoom
  // give the same view at the pane's old size whenever the resize lands.
  const before = useRef<{ x: number; y: number; zoom: number } | null>(null);
  const restoring = useRef<{ view: { x: number; y: number; zoom: number }; width: number; height: number } | null>(
    null,
  );

  const start = useCallback(() => {
    const { x, y, zoom } = flow.getViewport();
    const { width, height } = flowStore.getState();
    before.current = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom, zoom };
    restoring.current = null;
    setState(PRESENTATION_START);
  }, [flow, flowStore]);

  const stop = useCallback(() => {
    setState(null);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    const view = before.current;
    before.current = null;
    if (!view) return;
    const { width, height } = flowStore.getState();
    restoring.current = { view, width, height };
    // At once: an animation would be cut short by the resize (see below).
    void flow.setCenter(view.x, view.y, { zoom: view.zoom });
  }, [flow, flowStore]);

  const move = useCallback((delta: 1 | -1) => setState((now) => now && moveStep(steps, now, delta)), [steps]);
  const goTo = useCallback((at: number) => setState((now) => now && goToStep(steps, at)), [steps]);

  // The view follows the step, and again whenever the pane changes size (the panels leaving,
  // the window going full screen), so the step stays framed.
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const stepKey = step ? presentationStepElements(step).join(' ') : null;
  // And when the step's cards change size: zoomed in, a card grows back its detail (see
  // zoomBands) after the fit that brought it close, and must still be framed whole.
  const stepSizes = useStore(
    useCallback(
      (s: { nodeLookup: Map<string, { measured: { width?: number; height?: number } }> }) =>
        stepKey === null
          ? ''
          : stepKey
              .split(' ')
              .map((id) => {
                const measured = s.nodeLookup.get(id)?.measured;
                return measured ? `${measured.width ?? 0}x${measured.height ?? 0}` : '-';
              })
              .join(' '),
      [stepKey],
    ),
  );
  useEffect(() => {
    if (!presenting || paneWidth === 0 || paneHeight === 0) return;
    if (stepKey === null) fitCards(OVERVIEW);
    else fitCards({ ...STEP, ids: stepKey.split(' ') });
  }, [presenting, stepKey, stepSizes, paneWidth, paneHeight, fitCards]);

  // Once the pane is back to its size (the canvas shifts the view as it resizes), the view
  // before presenting is set again; if it never changes size, the first setting stands.
  useEffect(() => {
    const pending = restoring.current;
    if (presenting || !pending) return;
    if (paneWidth === pending.width && paneHeight === pending.height) {
      const timer = setTimeout(() => (restoring.current = null), 1000);
      return () => clearTimeout(timer);
    }
    restoring.current = null;
    void flow.setCenter(pending.view.x, pending.view.y, { zoom: pending.view.zoom });
  }, [presenting, paneWidth, paneHeight, flow]);

  // The step's cards and the link between them are lit, the rest dimmed; the overview dims nothing.
  useEffect(() => {
    if (!presenting) return;
    store.setLit(stepKey === null ? null : new Set(stepKey.split(' ')));
    return () => store.setLit(null);
  }, [presenting, stepKey, store]);

  // Keys: Shift+P presents; while presenting, arrows (and a clicker's Page Up/Down) step, Home
  // and End go to either end, Escape leaves. Never while typing in a field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (!presenting) {
        if (available && event.key === 'P' && event.shiftKey) {
          event.preventDefault();
          start();
        }
        return;
      }
      const action = KEY_ACTIONS[event.key];
      if (!action) return;
      // Before the canvas sees them: an arrow on a focused card would otherwise move it.
      event.preventDefault();
      event.stopPropagation();
      if (action === 'exit') stop();
      else if (action === 'first') goTo(-1);
      else if (action === 'last') goTo(steps.length - 1);
      else move(action === 'next' ? 1 : -1);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [presenting, available, start, stop, move, goTo, steps.length]);

  // Back from presenting, the focus goes back to the Present button (its bar was gone meanwhile).
  const wasPresenting = useRef(false);
  useEffect(() => {
    if (wasPresenting.current && !presenting) document.querySelector<HTMLElement>('[data-present]')?.focus();
    wasPresenting.current = presenting;
  }, [presenting]);

  // A version shown over the live map (replay, a snapshot) ends the presentation.
  useEffect(() => {
    if (!available && presenting) stop();
  }, [available, presenting, stop]);

  return { state, steps, index, start, stop, move };
}

type KeyAction = 'next' | 'previous' | 'first' | 'last' | 'exit';
const KEY_ACTIONS: Record<string, KeyAction | undefined> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  Home: 'first',
  End: 'last',
  Escape: 'exit',
};
