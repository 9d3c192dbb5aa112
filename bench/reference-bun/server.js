'use strict';

// The numeric-room signaling server of bench/reference/server.js (Node and `ws`), written for
// Bun's built-in WebSocket server (`Bun.serve`, uWebSockets inside): the fastest server a user
// could pick instead of the daemon, so HomeCall.Bench compares the daemon with it in the same
// run (docs/benchmarks.md). The behaviour is the Node reference's, message for message:
//   {type:"create"}            -> {type:"room_created", roomId:"1000".."9999", myId}
//   {type:"join", roomId}      -> {type:"room_joined", roomId, myId} | {type:"error", message:"Room not found"}
//   {type:"signal", payload}   -> every other client of the room gets {type:"signal", senderId, payload}
// Rooms expire after ROOM_TIMEOUT_MS (default 5 minutes) without create/join/signal activity:
// their sockets are closed (4000 "room expired") and the room forgotten. A closed socket leaves its
// room, a socket that creates or joins another room leaves its previous one, unparseable messages
// get {type:"error", message:"Invalid message"}, create answers "No free rooms" when all 9,000 ids
// are taken. Listens on PORT (default 8080) on HOST (default 127.0.0.1: benchmarks stay on loopback).
//
// Bun-specific choices, each to keep the Node reference's behaviour: the connection's state lives
// in `ws.data` (Bun's per-connection slot, filled by server.upgrade); idleTimeout 0 and no
// automatic pings, because `ws` neither pings nor times out idle connections; a request that is
// not an upgrade gets 426 Upgrade Required, as `ws`'s own HTTP server answers it.

const PORT = Number(process.env.PORT || 8080);
const HOST = process.env.HOST || '127.0.0.1';
const ROOM_TIMEOUT_MS = Number(process.env.ROOM_TIMEOUT_MS || 5 * 60 * 1000);
const FIRST_ID = 1000;
const ID_COUNT = 9000;
const RANDOM_TRIES = 100;
const WS_OPEN = 1;
const CLOSE_ROOM_EXPIRED = 4000;
const HTTP_UPGRADE_REQUIRED = 426;

// Map<roomId, { clients: Set<ServerWebSocket>, timer: Timeout, lastActivity: number }>
const rooms = new Map();

function send(ws, message) {
  if (ws.readyState === WS_OPEN) {
    ws.send(JSON.stringify(message));
  }
}

function freeRoomId() {
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const id = String(FIRST_ID + Math.floor(Math.random() * ID_COUNT));
    if (!rooms.has(id)) return id;
  }
  for (let n = FIRST_ID; n < FIRST_ID + ID_COUNT; n++) {
    if (!rooms.has(String(n))) return String(n);
  }
  return null;
}

function expire(roomId) {
  const room = rooms.get(roomId);
  if (!room) return;
  const idle = Date.now() - room.lastActivity;
  if (idle < ROOM_TIMEOUT_MS) {
    room.timer = setTimeout(expire, ROOM_TIMEOUT_MS - idle, roomId);
    return;
  }
  rooms.delete(roomId);
  for (const client of room.clients) {
    client.data.currentRoom = null;
    client.close(CLOSE_ROOM_EXPIRED, 'room expired');
  }
}

function leaveCurrentRoom(ws) {
  const room = ws.data.currentRoom && rooms.get(ws.data.currentRoom);
  if (room) room.clients.delete(ws);
  ws.data.currentRoom = null;
}

function createOrUpdateRoom(roomId, ws) {
  if (ws.data.currentRoom !== roomId) leaveCurrentRoom(ws);
  let room = rooms.get(roomId);
  if (!room) {
    room = { clients: new Set(), timer: setTimeout(expire, ROOM_TIMEOUT_MS, roomId), lastActivity: Date.now() };
    rooms.set(roomId, room);
  }
  room.clients.add(ws);
  room.lastActivity = Date.now();
  ws.data.currentRoom = roomId;
}

function handleCreate(ws) {
  const roomId = freeRoomId();
  if (roomId === null) {
    send(ws, { type: 'error', message: 'No free rooms' });
    return;
  }
  createOrUpdateRoom(roomId, ws);
  send(ws, { type: 'room_created', roomId, myId: ws.data.id });
}

function handleJoin(ws, roomId) {
  if (typeof roomId !== 'string' || !rooms.has(roomId)) {
    send(ws, { type: 'error', message: 'Room not found' });
    return;
  }
  createOrUpdateRoom(roomId, ws);
  send(ws, { type: 'room_joined', roomId, myId: ws.data.id });
}

function handleSignal(ws, data) {
  const room = ws.data.currentRoom && rooms.get(ws.data.currentRoom);
  if (!room) {
    send(ws, { type: 'error', message: 'Not in a room' });
    return;
  }
  room.lastActivity = Date.now();
  const out = JSON.stringify({ type: 'signal', senderId: ws.data.id, payload: data.payload });
  for (const client of room.clients) {
    if (client !== ws && client.readyState === WS_OPEN) {
      client.send(out);
    }
  }
}

function handleMessage(ws, raw) {
  let data;
  try {
    data = JSON.parse(typeof raw === 'string' ? raw : raw.toString());
  } catch {
    send(ws, { type: 'error', message: 'Invalid message' });
    return;
  }
  switch (data && data.type) {
    case 'create':
      handleCreate(ws);
      break;
    case 'join':
      handleJoin(ws, data.roomId);
      break;
    case 'signal':
      handleSignal(ws, data);
      break;
    default:
      send(ws, { type: 'error', message: 'Invalid message' });
  }
}

const server = Bun.serve({
  hostname: HOST,
  port: PORT,
  fetch(req, srv) {
    if (srv.upgrade(req, { data: { id: crypto.randomUUID(), currentRoom: null } })) return undefined;
    return new Response('Upgrade Required', { status: HTTP_UPGRADE_REQUIRED });
  },
  websocket: {
    idleTimeout: 0,
    sendPings: false,
    message: handleMessage,
    close: leaveCurrentRoom,
  },
});

console.log(`signaling server listening on ${HOST}:${server.port}`);

function shutdown() {
  for (const room of rooms.values()) clearTimeout(room.timer);
  server.stop(true);
  process.exit(0);
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
