import { Hono } from 'hono';
import type { RoomManager } from '../collab/RoomManager.ts';

export function healthRoutes(rooms: RoomManager): Hono {
  return new Hono().get('/', (c) => c.json({ ok: true, rooms: rooms.loadedCount }));
}
