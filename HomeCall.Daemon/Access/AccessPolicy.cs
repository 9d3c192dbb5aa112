namespace HomeCall.Daemon.Access;

/// <summary>
/// Who may join, as the settings in force say (docs/protocol.md §12): the room secret and the
/// auth webhook together, immutable, so a join reads one consistent pair even while a reload
/// swaps in the next (<see cref="RoomAccessGate"/>). Off unless ROOM_SECRET (or its file) or
/// AUTH_WEBHOOK_URL is set.
/// </summary>
internal sealed class AccessPolicy(RoomSecret secret, AuthWebhookClient? webhook)
{
    public RoomSecret Secret => secret;

    public AuthWebhookClient? Webhook => webhook;

    public bool IsOn => secret.IsSet || webhook is not null;

    /// <summary>Checks the request's token: signature, expiry, dialect, room, user (the create allowance is checked when a room would be created).</summary>
    public TokenProblem Verify(AccessRequest request, DateTimeOffset now, out RoomToken? token)
    {
        token = null;
        if (secret.Key is not { } key || request.Token is null)
        {
            return TokenProblem.Missing; // Without a secret no token can be valid.
        }

        var problem = RoomTokenCodec.Decode(request.Token, key, out var decoded);
        if (problem != TokenProblem.None)
        {
            return problem;
        }

        problem = RoomAccessGate.Check(decoded!, request, now);
        token = problem == TokenProblem.None ? decoded : null;
        return problem;
    }
}
