using HomeCall.Daemon.Access;
using HomeCall.Daemon.Ice;

namespace HomeCall.Daemon;

/// <summary>What start-up read from secret files before anything is bound: the ICE servers (TURN_SECRET_FILE) and the room secret (ROOM_SECRET_FILE).</summary>
internal sealed record StartupSecrets(IceServerSettings Ice, RoomSecret Room);
