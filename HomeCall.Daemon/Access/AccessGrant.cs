namespace HomeCall.Daemon.Access;

/// <summary>
/// A join allowed to proceed: by a valid token (<see cref="Token"/>, whose create allowance
/// still applies), or with access control off or by the webhook (no token: creating is
/// allowed). <see cref="IceServersJson"/> is the webhook's `iceServers` array, as it sent it.
/// </summary>
internal sealed record AccessGrant(RoomToken? Token, string? TokenText, string? IceServersJson)
{
    public static readonly AccessGrant Open = new(null, null, null);
}
