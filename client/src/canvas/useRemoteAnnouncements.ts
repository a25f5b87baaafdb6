import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { getEdges, getNodes, readNode } from '@loopmap/shared';
import type { MapSession } from '../collab/MapSession.ts';
import { Announcer, type AnnouncementWords, type RemoteChange } from './announcements.ts';

type Transaction = Y.Transaction;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

/** The card or link a changed shared type belongs to (its key in the nodes or edges map). */
function ownerOf(type: AnyType, nodes: AnyType, edges: AnyType) {
  let current: AnyType = type;
  for (;;) {
    const item = current._item;
    if (!item) return null;
    const parent = item.parent as AnyType | null;
    if (parent === nodes) return { map: 'nodes' as const, id: item.parentSub };
    if (parent === edges) return { map: 'edges' as const, id: item.parentSub };
    if (!parent || !('_item' in parent)) return null;
    current = parent;
  }
}

/**
 * Other people's changes and arrivals on this map, as the text of a polite live region (see
 * Announcer): nothing the local user does is spoken, nor what loads when the map opens.
 */
export function useRemoteAnnouncements(session: MapSession): string {
  const { t } = useTranslation('canvas');
  const [text, setText] = useState('');

  useEffect(() => {
    const { doc, awareness, provider } = session;
    const nodes = getNodes(doc);
    const edges = getEdges(doc);
    const names = new Map<number, string>();
    const nameOf = (clientId: number): string | null => {
      const user = (awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined)?.user;
      if (typeof user?.name === 'string' && user.name.trim()) names.set(clientId, user.name.trim());
      return names.get(clientId) ?? null;
    };
    const someone = (who: string | null): string => who ?? t('announce.someone');
    const cardName = (id: string): string | null => {
      const view = readNode(id, nodes.get(id));
      if (!view) return null;
      const kind = t(`domain:kind.${view.kind}`);
      return view.label ? t('announce.card', { kind, label: view.label }) : kind;
    };
    const words: AnnouncementWords = {
      joined: (who) => t('announce.joined', { who }),
      left: (who) => t('announce.left', { who }),
      added: (who, id) => {
        const card = cardName(id);
        return card ? t('announce.added', { who: someone(who), card }) : t('announce.addedGone', { who: someone(who) });
      },
      removed: (who) => t('announce.removed', { who: someone(who) }),
      linked: (who, id) => {
        const link = edges.get(id);
        const source = link ? cardName(String(link.get('source'))) : null;
        const target = link ? cardName(String(link.get('target'))) : null;
        return source && target
          ? t('announce.linked', { who: someone(who), source, target })
          : t('announce.changedLink', { who: someone(who) });
      },
      edited: (who, id) => {
        const card = cardName(id);
        return card
          ? t('announce.edited', { who: someone(who), card })
          : t('announce.changedLink', { who: someone(who) });
      },
      many: (who, count) => t('announce.many', { who: someone(who), count }),
    };
    // Clearing first makes a repeated sentence a change the screen reader speaks again.
    let frame = 0;
    const announcer = new Announcer(words, (sentence) => {
      setText('');
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setText(sentence));
    });

    // Only what arrives after the map has loaded: not the copy on this device, not the first sync.
    let live = provider.synced;
    const onSync = (synced: boolean): void => {
      if (synced) live = true;
    };
    provider.on('sync', onSync);
    const known = new Set<string>([...nodes.keys(), ...edges.keys()]);

    const remember = (keys: readonly (string | null)[]): void => {
      for (const key of keys) {
        if (!key) continue;
        if (nodes.has(key) || edges.has(key)) known.add(key);
        else known.delete(key);
      }
    };
    const onTransaction = (tr: Transaction): void => {
      const nodeKeys = tr.changed.get(nodes as AnyType);
      const edgeKeys = tr.changed.get(edges as AnyType);
      const touched = [...(nodeKeys ?? []), ...(edgeKeys ?? [])];
      if (tr.local || tr.origin === session.persistence || !live) {
        remember(touched);
        return;
      }
      // Who: the clients whose updates this transaction applied (a deletion alone names nobody:
      // then the only other person present, if there is one).
      const authors = new Set<string>();
      tr.afterState.forEach((clock, client) => {
        if (client !== doc.clientID && clock > (tr.beforeState.get(client) ?? 0)) {
          const name = nameOf(client);
          if (name) authors.add(name);
        }
      });
      let who: string | null = authors.size === 1 ? [...authors][0]! : null;
      if (authors.size === 0) {
        const present = new Set<string>();
        awareness.getStates().forEach((_state, client) => {
          const name = client === awareness.clientID ? null : nameOf(client);
          if (name) present.add(name);
        });
        if (present.size === 1) who = [...present][0]!;
      }
      const seen = new Set<string>();
      const report = (change: RemoteChange): void => {
        if (change.type === 'joined' || change.type === 'left') return;
        seen.add(change.id);
        announcer.add(change);
      };
      for (const key of nodeKeys ?? []) {
        if (!key) continue;
        if (nodes.has(key) && !known.has(key)) report({ type: 'added', who, id: key });
        else if (!nodes.has(key) && known.has(key)) report({ type: 'removed', who, id: key });
      }
      for (const key of edgeKeys ?? []) {
        if (!key) continue;
        if (edges.has(key) && !known.has(key)) report({ type: 'linked', who, id: key });
        else if (!edges.has(key) && known.has(key)) report({ type: 'removed', who, id: key });
      }
      remember(touched);
      for (const type of tr.changed.keys()) {
        const owner = ownerOf(type, nodes as AnyType, edges as AnyType);
        if (!owner?.id || seen.has(owner.id)) continue;
        seen.add(owner.id);
        if (owner.map === 'nodes' && nodes.has(owner.id)) announcer.add({ type: 'edited', who, id: owner.id });
        if (owner.map === 'edges' && edges.has(owner.id)) announcer.add({ type: 'edited', who, id: owner.id });
      }
    };
    doc.on('afterTransaction', onTransaction);

    const onAwareness = ({ added, removed }: { added: number[]; removed: number[] }): void => {
      for (const client of added) {
        if (client === awareness.clientID) continue;
        const name = nameOf(client);
        if (name && live) announcer.add({ type: 'joined', who: name });
      }
      for (const client of removed) {
        const name = names.get(client);
        if (name && live) announcer.add({ type: 'left', who: name });
      }
    };
    awareness.on('change', onAwareness);
    awareness.getStates().forEach((_state, client) => nameOf(client));

    return () => {
      doc.off('afterTransaction', onTransaction);
      awareness.off('change', onAwareness);
      provider.off('sync', onSync);
      announcer.dispose();
      cancelAnimationFrame(frame);
    };
  }, [session, t]);

  return text;
}
