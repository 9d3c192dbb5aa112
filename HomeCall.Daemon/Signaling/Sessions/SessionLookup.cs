using System.Diagnostics.CodeAnalysis;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Signaling.Sessions;

/// <summary>The session a /signal relay or leave names, checked against the one its connection joined (docs/protocol.md §8).</summary>
internal static class SessionLookup
{
    /// <summary>
    /// True when <paramref name="id"/> is the session this connection joined; otherwise
    /// session-ended (a tombstone) or session-not-found has been answered.
    /// </summary>
    public static bool TryGet(SignalingContext ctx, RoomLock rooms, ClientState state, string id, [NotNullWhen(true)] out SessionRoom? session, [NotNullWhen(true)] out Member? member)
    {
        session = null;
        member = null;
        if (rooms.IsEnded(id))
        {
            ctx.Replies.SessionError(state, ErrorCode.SessionEnded, id);
            return false;
        }

        if (state.Membership is not { Room: SessionRoom joined } m || joined.Id != id)
        {
            ctx.Replies.SessionError(state, ErrorCode.SessionNotFound, id);
            return false;
        }

        session = joined;
        member = m;
        return true;
    }
}
