using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Who is attached to a /signal session (docs/protocol.md §8.2): a participant stays a member while
/// disconnected, so it can reconnect and pick up what was queued for it. Callers hold
/// the registry lock.
/// </summary>
internal sealed class SessionMembership(SignalingContext ctx)
{
    /// <summary>docs/protocol.md §8: a session holds at most two distinct users.</summary>
    public const int MaxParticipants = 2;

    public Room Create(string id)
    {
        var queue = new SessionQueue(ctx.Options.MaxQueuedMessages, ctx.Options.MaxQueuedBytes);
        var session = new Room(Dialect.Session, id, ctx.Fingerprints, ctx.Time.GetUtcNow(), queue);
        ctx.Registry.Add(session);
        return session;
    }

    /// <summary>
    /// Attaches the connection as <paramref name="user"/> (a new member, or a reconnect of
    /// <paramref name="existing"/>), replacing an older live connection of that user, then
    /// delivers in order what the other participant queued for it before anything newer.
    /// </summary>
    public void Attach(ConnectionState state, Room session, Member? existing, string user)
    {
        if (existing?.Connection is { } old && !ReferenceEquals(old, state.Connection))
        {
            state.Log.Information("Replaced an older connection of the same user in room={Room}", session.Fingerprint);
            ctx.Replies.ErrorTo(old, Dialect.Session, ErrorCode.Replaced, session.Id);
            old.Close(CloseStatus.Replaced, "replaced by a newer connection");
        }

        if (existing is null)
        {
            existing = new Member(user, null, ctx.Time.GetUtcNow(), state.Connection);
            session.AddMember(existing);
        }

        existing.Connection = state.Connection;
        state.Room = session;
        session.LastActivity = ctx.Time.GetUtcNow();
        var queued = session.Queue!.TakeFor(user);
        state.Log.Information(
            "Joined room={Room} ({Count}/{Capacity}), {Queued} queued messages delivered",
            session.Fingerprint,
            session.Members.Count,
            MaxParticipants,
            queued.Count);
        ctx.Ice.Joined(state.Connection, session); // docs/protocol.md §3.8: no join reply here; before the queue, which may hold the offer.
        foreach (var item in queued)
        {
            state.Connection.Send(item.Data);
        }
    }

    /// <summary>Disconnect or a move to another session: the session waits for a reconnect (docs/protocol.md §8.1, §8.2).</summary>
    public void Detach(ConnectionState state)
    {
        if (state.Membership is { } member)
        {
            member.Connection = null;
            state.Room!.LastActivity = ctx.Time.GetUtcNow();
            state.Log.Information("Detached from room={Room}, waiting for a reconnect", state.Room.Fingerprint);
        }
    }

    /// <summary>Sweep: a session nobody is connected to and idle past ROOM_TIMEOUT_MS is forgotten with its queue.</summary>
    public static bool IsAbandoned(Room session, DateTimeOffset now, TimeSpan timeout) =>
        session.ConnectedCount == 0 && now - session.LastActivity >= timeout;
}
