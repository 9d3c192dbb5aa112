namespace HomeCall.Daemon.Access;

/// <summary>ROOM_SECRET_FILE cannot be used; the message names the file and the fix (the daemon exits 78).</summary>
internal sealed class RoomSecretException(string message) : Exception(message);
