namespace HomeCall.Daemon.Access;

/// <summary>
/// Who may join (docs/protocol.md §12): the one holder of the <see cref="AccessPolicy"/> in
/// force. A valid token admits at once; without one, the webhook (when set) decides; otherwise
/// the join is refused. A join reads <see cref="Current"/> once (no lock); a reload
/// (<see cref="Replace"/>) decides the joins after it: tokens signed with a replaced secret stop
/// admitting, members already in rooms stay. Pure: no replies; the signaling side
/// (<c>JoinAccess</c>) answers and counts.
/// </summary>
internal sealed class RoomAccessGate(AccessPolicy initial)
{
    private volatile AccessPolicy _current = initial;

    public AccessPolicy Current => _current;

    public void Replace(AccessPolicy next) => _current = next;

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
