'use strict';

// Seed 004's signaling server, written from its README as a Node developer would, so that
// HomeCall.Bench can compare the daemon with the implementation it replaces. Behaviour:
//   {type:"create"}            -> {type:"room_created", roomId:"1000".."9999", myId}
//   {type:"join", roomId}      -> {type:"room_joined", roomId, myId} | {type:"error", message:"Room not found"}
//   {type:"signal", payload}   -> every other client of the room gets {type:"signal", senderId, payload}
// Rooms expire after ROOM_TIMEOUT_MS (default 5 minutes) without create/join/signal activity: their
// sockets are closed and the room forgotten. Listens on PORT (default 8080) on HOST (default
// 127.0.0.1: benchmarks stay on loopback).
//
// Where the seed is silent, the cheapest reasonable choice is made (none of them matter to
// the benchmark's message path): a closed socket leaves its room (the room itself waits for
// expiry), a socket that creates or joins another room leaves its previous one, unparseable
// messages get {type:"error", message:"Invalid message"}, and create answers
// {type:"error", message:"No free rooms"} when all 9,000 ids are taken instead of looping forever.
// Activity is a timestamp per room checked when the room's single timer fires, rather than a
// clearTimeout/setTimeout per signal.

const crypto = require('crypto');
const { WebSocketServer } = require('ws');

const PORT = Number(process.env.PORT || 8080);
const HOST = process.env.HOST || '127.0.0.1';
const ROOM_TIMEOUT_MS = Number(process.env.ROOM_TIMEOUT_MS || 5 * 60 * 1000);
const FIRST_ID = 1000;
const ID_COUNT = 9000;
const RANDOM_TRIES = 100;

// Map<roomId, { clients: Set<WebSocket>, timer: Timeout, lastActivity: number }>
const rooms = new Map();

function send(ws, message) {
  if (ws.readyState === ws.OPEN) {
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
    client.currentRoom = null;
    client.close(4000, 'room expired');
  }
}

function leaveCurrentRoom(ws) {
  const room = ws.currentRoom && rooms.get(ws.currentRoom);
  if (room) room.clients.delete(ws);
  ws.currentRoom = null;
}

function createOrUpdateRoom(roomId, ws) {
  if (ws.currentRoom !== roomId) leaveCurrentRoom(ws);
  let room = rooms.get(roomId);
  if (!room) {
    room = { clients: new Set(), timer: setTimeout(expire, ROOM_TIMEOUT_MS, roomId), lastActivity: Date.now() };
    rooms.set(roomId, room);
  }
  room.clients.add(ws);
  room.lastActivity = Date.now();
  ws.currentRoom = roomId;
}

function handleCreate(ws) {
  const roomId = freeRoomId();
  if (roomId === null) {
    send(ws, { type: 'error', message: 'No free rooms' });
    return;
  }
  createOrUpdateRoom(roomId, ws);
  send(ws, { type: 'room_created', roomId, myId: ws.id });
}

function handleJoin(ws, roomId) {
  if (typeof roomId !== 'string' || !rooms.has(roomId)) {
    send(ws, { type: 'error', message: 'Room not found' });
    return;
  }
  createOrUpdateRoom(roomId, ws);
  send(ws, { type: 'room_joined', roomId, myId: ws.id });
}

function handleSignal(ws, data) {
  const room = ws.currentRoom && rooms.get(ws.currentRoom);
  if (!room) {
    send(ws, { type: 'error', message: 'Not in a room' });
    return;
  }
  room.lastActivity = Date.now();
  const out = JSON.stringify({ type: 'signal', senderId: ws.id, payload: data.payload });
  for (const client of room.clients) {
    if (client !== ws && client.readyState === client.OPEN) {
      client.send(out);
    }
  }
}

function handleMessage(ws, raw) {
  let data;
  try {
    data = JSON.parse(raw);
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

const wss = new WebSocketServer({ host: HOST, port: PORT });

wss.on('connection', (ws) => {
  ws.id = crypto.randomUUID();
  ws.currentRoom = null;
  ws.on('message', (raw) => handleMessage(ws, raw));
  ws.on('close', () => leaveCurrentRoom(ws));
  ws.on('error', () => {});
});

wss.on('listening', () => console.log(`signaling server listening on ${HOST}:${PORT}`));

function shutdown() {
  for (const room of rooms.values()) clearTimeout(room.timer);
  wss.close();
  for (const client of wss.clients) client.terminate();
  process.exit(0);
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
