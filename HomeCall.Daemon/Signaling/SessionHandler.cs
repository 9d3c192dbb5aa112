using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The /signal dialect (spec §4, seeds 001/002): a UUID session of at most two users,
/// no `to` (relays go to the other participant), a bounded queue for a participant who
/// is not there, reconnects that pick up the queue, and `leave` ending the session for good.
/// </summary>
internal sealed class SessionHandler(SignalingContext ctx)
{
    private const int MaxParticipants = 2;

    public void Handle(ConnectionState state, in InboundMessage message)
    {
        var f = message.Fields;
        var named = f.Room.IsString ? message.String(f.Room) : null;
        switch (message.Type)
        {
            case MessageType.Join:
                Join(state, message, named);
                break;
            case MessageType.Leave:
                Leave(state, message, named);
                break;
            case MessageType.Offer or MessageType.Answer or MessageType.Candidate:
                Relay(state, message, named);
                break;
            default:
                ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, named);
                break;
        }
    }

    public void Disconnected(ConnectionState state)
    {
        lock (ctx.Registry.Gate)
        {
            Detach(state);
        }
    }

    private void Join(ConnectionState state, in InboundMessage message, string? named)
    {
        var id = named is null ? null : SessionIds.Normalize(named);
        if (id is null || !FieldRules.IsValid(message, message.Fields.User, FieldRules.MaxUserLength, out var user))
        {
            ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, named);
            return;
        }

        lock (ctx.Registry.Gate)
        {
            if (ctx.Registry.IsEnded(id))
            {
                ctx.Replies.SessionError(state, ErrorCode.SessionEnded, id);
                return;
            }

            var session = ctx.Registry.Find(Dialect.Session, id);
            var existing = session?.FindUser(user);
            if (session is not null && existing is null && session.Members.Count >= MaxParticipants)
            {
                ctx.Replies.SessionError(state, ErrorCode.RoomFull, id);
                return;
            }

            if (state.Room != session || state.Membership?.UserId != user)
            {
                Detach(state); // Spec §4: joining another session leaves the previous one waiting for a reconnect.
            }

            session ??= CreateSession(id);
            Attach(state, session, existing, user);
        }
    }

    private Room CreateSession(string id)
    {
        var session = new Room(Dialect.Session, id, ctx.Time.GetUtcNow(), new SessionQueue(ctx.Options.MaxQueuedMessages, ctx.Options.MaxQueuedBytes));
        ctx.Registry.Add(session);
        return session;
    }

    private void Attach(ConnectionState state, Room session, Member? existing, string user)
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
            session.Members.Add(existing);
        }

        existing.Connection = state.Connection;
        state.Dialect = Dialect.Session;
        state.Room = session;
        session.LastActivity = ctx.Time.GetUtcNow();
        var queued = session.Queue!.TakeFor(user);
        state.Log.Information(
            "Joined room={Room} ({Count}/{Capacity}), {Queued} queued messages delivered",
            session.Fingerprint,
            session.Members.Count,
            MaxParticipants,
            queued.Count);
        foreach (var item in queued)
        {
            state.Connection.Send(item.Data);
        }
    }

    private void Leave(ConnectionState state, in InboundMessage message, string? named)
    {
        if (!message.Fields.User.IsAbsentOrString || !message.Fields.Room.IsAbsentOrString)
        {
            ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, named);
            return;
        }

        lock (ctx.Registry.Gate)
        {
            if (!TryGetSession(state, named, out var session, out var member))
            {
                return;
            }

            if (message.Fields.User.IsPresent && !message.StringEquals(message.Fields.User, member.UserId))
            {
                ctx.Replies.SessionError(state, ErrorCode.SenderMismatch, session.Id);
                return;
            }

            End(state, session, member);
        }
    }

    /// <summary>Spec §4 / seed 001: leave ends the session; the other participant is told, the id is remembered as ended.</summary>
    private void End(ConnectionState state, Room session, Member leaver)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "leave"u8);
        w.WriteString("room"u8, session.Id);
        w.WriteString("from"u8, leaver.UserId);
        w.WriteEndObject();
        var notice = MessageWriter.Finish(w);
        foreach (var other in session.Members.Where(m => m != leaver))
        {
            other.Connection?.Send(notice);
        }

        session.Members.Clear();
        ctx.Registry.Remove(session);
        ctx.Registry.MarkEnded(session.Id, ctx.Time.GetUtcNow());
        state.Log.Information("Ended room={Room} by leave", session.Fingerprint);
    }

    private void Relay(ConnectionState state, in InboundMessage message, string? named)
    {
        var f = message.Fields;
        var body = message.Type == MessageType.Candidate ? f.Candidate : f.Sdp;
        var bodyValid = message.Type == MessageType.Candidate ? body.IsObject || body.IsString || body.IsNull : body.IsObject || body.IsString;
        if (!bodyValid || !f.From.IsAbsentOrString || !f.Room.IsAbsentOrString)
        {
            ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, named);
            return;
        }

        lock (ctx.Registry.Gate)
        {
            if (!TryGetSession(state, named, out var session, out var member))
            {
                return;
            }

            if (f.From.IsPresent && !message.StringEquals(f.From, member.UserId))
            {
                ctx.Replies.SessionError(state, ErrorCode.SenderMismatch, session.Id);
                return;
            }

            session.LastActivity = ctx.Time.GetUtcNow();
            var relay = MessageWriter.PassThrough(message, session.Id, member.UserId);
            var other = session.Members.Find(m => m != member);
            if (other?.Connection is { } target && target.Send(relay))
            {
                ctx.Metrics.MessagesRelayed.Increment(MessageTypeNames.Of(message.Type));
            }
            else if (!session.Queue!.TryAdd(new QueuedMessage(member.UserId, relay)))
            {
                ctx.Replies.SessionError(state, ErrorCode.QueueFull, session.Id);
            }
        }
    }

    /// <summary>
    /// The session a relay or leave names, if it is the one this connection joined:
    /// otherwise session-ended (a tombstone) or session-not-found has been answered.
    /// </summary>
    private bool TryGetSession(ConnectionState state, string? named, out Room session, out Member member)
    {
        session = null!;
        member = null!;
        var id = named is null ? null : SessionIds.Normalize(named) ?? named;
        if (id is not null && ctx.Registry.IsEnded(id))
        {
            ctx.Replies.SessionError(state, ErrorCode.SessionEnded, id);
            return false;
        }

        if (state.Membership is not { } m || state.Room!.Id != id)
        {
            ctx.Replies.SessionError(state, ErrorCode.SessionNotFound, named);
            return false;
        }

        session = state.Room;
        member = m;
        return true;
    }

    /// <summary>Disconnect or a move to another session: the session waits for a reconnect (spec §4).</summary>
    private void Detach(ConnectionState state)
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
