namespace HomeCall.Daemon.Access;

/// <summary>
/// Who may join (docs/protocol.md §12): off unless ROOM_SECRET (or its file) or
/// AUTH_WEBHOOK_URL is set. A valid token admits at once; without one, the webhook (when
/// set) decides; otherwise the join is refused. Pure: no replies, no lock; the signaling
/// side (<c>JoinAccess</c>) answers and counts.
/// </summary>
internal sealed class RoomAccessGate(RoomSecret secret, AuthWebhookClient? webhook, TimeProvider time)
{
    public bool IsOn => secret.IsSet || webhook is not null;

    public AuthWebhookClient? Webhook => webhook;

    /// <summary>Checks the request's token: signature, expiry, dialect, room, user (the create allowance is checked when a room would be created).</summary>
    public TokenProblem Verify(AccessRequest request, out RoomToken? token)
    {
        token = null;
        if (secret.Current is not { } key)
        {
            return TokenProblem.Missing; // No secret: no token can be valid.
        }

        if (request.Token is null)
        {
            return TokenProblem.Missing;
        }

        var problem = RoomTokenCodec.Decode(request.Token, key, out var decoded);
        if (problem != TokenProblem.None)
        {
            return problem;
        }

        problem = Check(decoded!, request, time.GetUtcNow());
        token = problem == TokenProblem.None ? decoded : null;
        return problem;
    }

    /// <summary>What a decoded token says about this request (also used by `homecall invite --check`).</summary>
    public static TokenProblem Check(RoomToken token, AccessRequest request, DateTimeOffset now)
    {
        if (token.ExpiresAt <= now)
        {
            return TokenProblem.Expired;
        }

        if (token.Dialect != request.Dialect)
        {
            return TokenProblem.WrongDialect;
        }

        // A numeric `create` names no room yet: only a token for any room may create one.
        var roomCovered = request.Room is null ? token.Room == RoomToken.Wildcard : token.CoversRoom(request.Room);
        if (!roomCovered)
        {
            return TokenProblem.WrongRoom;
        }

        if (!token.CoversUser(request.User))
        {
            return TokenProblem.WrongUser;
        }

        return request.Room is null && !token.MayCreate ? TokenProblem.CreateNotAllowed : TokenProblem.None;
    }
}
