using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Signaling.Sessions;

/// <summary>
/// Who is attached to a /signal session (docs/protocol.md §8.1, §8.2): a participant stays a
/// member while disconnected, so it can reconnect and pick up what was queued for it; `leave`
/// ends the session for both; a session nobody attends expires. Callers hold the registry lock.
/// </summary>
internal sealed class SessionMembership(SignalingContext ctx)
{
    /// <summary>docs/protocol.md §8: a session holds at most two distinct users.</summary>
    public const int MaxParticipants = 2;

    public SessionRoom Create(RoomLock rooms, string id)
    {
        var queue = new SessionQueue(ctx.Options.MaxQueuedMessages, ctx.Options.MaxQueuedBytes);
        var session = new SessionRoom(id, ctx.Fingerprints, ctx.Time.GetUtcNow(), queue);
        rooms.Add(session);
        return session;
    }

    /// <summary>
    /// Attaches the connection as <paramref name="user"/> (a new member, or a reconnect of
    /// <paramref name="existing"/>), replacing an older live connection of that user, then
    /// delivers in order what the other participant queued for it before anything newer.
    /// </summary>
    public void Attach(ClientState state, SessionRoom session, Member? existing, string user, ref RoomLogLines lines)
    {
        if (existing?.Connection is { } old && !ReferenceEquals(old, state.Connection))
        {
            lines.Add(RoomLogLine.Replaced(session));
            ctx.Replies.ErrorTo(old, Dialect.Session, ErrorCode.Replaced, session.Id);
            old.Close(CloseStatus.Replaced, "replaced by a newer connection");
        }

        existing ??= session.AddMember(user, null, ctx.Time.GetUtcNow(), state.Connection);
        existing.Connection = state.Connection;
        state.Room = session;
        session.LastActivity = ctx.Time.GetUtcNow();
        Joined(state, session, user, ref lines);
    }

    /// <summary>A successful join (docs/protocol.md §8.2): the joiner gets, in order, what the other participant queued for it.</summary>
    private void Joined(ClientState state, SessionRoom session, string user, ref RoomLogLines lines)
    {
        var queued = session.Queue.TakeFor(user);
        lines.Add(RoomLogLine.JoinedSession(session, MaxParticipants, queued.Count));
        ctx.Ice.Joined(state.Connection, session); // docs/protocol.md §3.8: no join reply here; before the queue, which may hold the offer.
        foreach (var item in queued)
        {
            state.Connection.Send(item.Data);
        }
    }

    /// <summary>Disconnect or a move to another session: the session waits for a reconnect (docs/protocol.md §8.1, §8.2).</summary>
    public void Detach(ClientState state, ref RoomLogLines lines)
    {
        if (state.Membership is { } member)
        {
            member.Connection = null;
            member.Room.LastActivity = ctx.Time.GetUtcNow();
            lines.Add(RoomLogLine.Detached(member.Room));
        }
    }

    /// <summary>docs/protocol.md §8.1: leave ends the session; the other participant is told, the id is remembered as ended.</summary>
    public void End(RoomLock rooms, SessionRoom session, Member leaver, ref RoomLogLines lines)
    {
        var notice = SessionMessages.Leave(session.Id, leaver.UserId);
        foreach (var other in session.Members.Where(m => m != leaver))
        {
            other.Connection?.Send(notice);
        }

        session.ClearMembers();
        rooms.Remove(session);
        rooms.MarkEnded(session.Id, ctx.Time.GetUtcNow());
        lines.Add(RoomLogLine.Ended(session));
    }

    /// <summary>
    /// docs/protocol.md §8.2: a session nobody is connected to and idle past ROOM_TIMEOUT_MS is
    /// forgotten with its queue; tombstones older than ENDED_SESSION_TTL_MS are forgotten.
    /// </summary>
    public void Sweep(RoomLock rooms, DateTimeOffset now, ILogger log)
    {
        var timeout = ctx.Options.RoomTimeout;
        foreach (var session in rooms.Sessions.Where(s => s.ConnectedCount == 0 && now - s.LastActivity >= timeout).ToArray())
        {
            log.Information("Room room={Room} forgotten after {TimeoutMs} ms unattended, {Queued} queued messages dropped", session.Fingerprint, timeout.TotalMilliseconds, session.Queue.Count);
            rooms.Remove(session);
            ctx.Metrics.RoomExpired();
        }

        rooms.ForgetEndedBefore(now - ctx.Options.EndedSessionTtl);
    }
}
