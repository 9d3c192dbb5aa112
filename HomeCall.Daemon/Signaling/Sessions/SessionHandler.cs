using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;
using Serilog;

namespace HomeCall.Daemon.Signaling.Sessions;

/// <summary>
/// The /signal dialect (docs/protocol.md §8): a UUID session of at most two users,
/// no `to` (relays go to the other participant), a bounded queue for a participant who
/// is not there, reconnects that pick up the queue, and `leave` ending the session for good.
/// </summary>
internal sealed class SessionHandler(SignalingContext ctx) : IDialectHandler
{
    private readonly SessionMembership _membership = new(ctx);
    private readonly SessionCreationLimiter _creations = new(ctx.Options.SessionsPerIpPerMinute);
    private readonly SessionRelay _relay = new(ctx);

    public Dialect Dialect => Dialect.Session;

    /// <summary>docs/protocol.md §1.1, §8: every connection to /signal.</summary>
    public bool IsSelectedBy(IConnection connection) => connection.Endpoint == EndpointKind.Signal;

    public void Handle(ClientState state, in InboundMessage message)
    {
        var (id, echo) = NamedSession.Of(state, message);
        switch (message.Type)
        {
            case MessageType.Join:
                Join(state, message, id, echo);
                break;
            case MessageType.Leave:
                Leave(state, message, id, echo);
                break;
            case MessageType.Offer or MessageType.Answer or MessageType.Candidate:
                _relay.Relay(state, message, id, echo);
                break;
            default:
                ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, echo);
                break;
        }
    }

    /// <summary>docs/protocol.md §8.3: an unparseable or binary message named no session, so `room` is null.</summary>
    public void Unreadable(ClientState state) => ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, null);

    /// <summary>`room` names the session this connection is attached to (docs/protocol.md §8.3).</summary>
    public void Refuse(ClientState state, string code) => ctx.Replies.SessionError(state, code, CurrentSessionId(state));

    /// <summary>docs/protocol.md §8.1, §8.2: unattended sessions and old tombstones are forgotten, and so are creation counts older than a minute.</summary>
    public void Sweep(RoomLock rooms, DateTimeOffset now, ILogger log)
    {
        _membership.Sweep(rooms, now, log);
        _creations.Sweep(now);
    }

    /// <summary>The session this connection is attached to, for errors not about a message (rate-limited, shutting-down).</summary>
    private string? CurrentSessionId(ClientState state)
    {
        using var rooms = ctx.Registry.Lock();
        return state.Membership?.Room.Id;
    }

    /// <summary>SESSIONS_PER_IP_PER_MIN is a live setting.</summary>
    public void ApplyLive(RoomLock rooms, DaemonOptions options) => _creations.MaxPerWindow = options.SessionsPerIpPerMinute;

    public void Disconnected(RoomLock rooms, ClientState state, ref RoomLogLines lines)
    {
        _membership.Detach(state, ref lines);
    }

    private void Join(ClientState state, in InboundMessage message, string? id, string? echo)
    {
        if (id is null || !FieldRules.IsValid(message, message.Fields.User, FieldRules.MaxUserLength, out var user))
        {
            ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, echo);
            return;
        }

        var request = new AccessRequest(Dialect.Session, id, user, AccessTokens.Of(message, state));
        ctx.Access.Admit(state, request, grant => Join(state, request, grant)); // docs/protocol.md §12
    }

    private void Join(ClientState state, AccessRequest request, AccessGrant grant)
    {
        var lines = new RoomLogLines();
        Join(state, request, grant, ref lines);
        lines.WriteTo(state.Log); // After the registry lock (RoomLogLines).
    }

    private void Join(ClientState state, AccessRequest request, AccessGrant grant, ref RoomLogLines lines)
    {
        var (id, user) = (request.Room!, request.User!);
        using var rooms = ctx.Registry.Lock();
        if (rooms.IsEnded(id))
        {
            ctx.Replies.SessionError(state, ErrorCode.SessionEnded, id);
            return;
        }

        var session = rooms.FindSession(id);
        var existing = session?.FindUser(user);
        if (session is not null && existing is null && session.Members.Count >= SessionMembership.MaxParticipants)
        {
            ctx.Replies.SessionError(state, ErrorCode.RoomFull, id);
            return;
        }

        if (session is null && !ctx.Access.TryCreate(state, request, grant))
        {
            return;
        }

        if (session is null && !_creations.TryCreate(state.Connection.RemoteIp, ctx.Time.GetUtcNow()))
        {
            state.Log.Debug("Session not created: over {SessionsPerIpPerMinute} new sessions a minute from {ClientIp}", _creations.MaxPerWindow, state.Connection.RemoteIp);
            ctx.Replies.SessionError(state, ErrorCode.TooManySessions, id);
            return;
        }

        if (state.Room != session || state.Membership?.UserId != user)
        {
            _membership.Detach(state, ref lines); // docs/protocol.md §8.1: joining another session leaves the previous one waiting for a reconnect.
        }

        _membership.Attach(state, session ?? _membership.Create(rooms, id), existing, user, ref lines);
    }

    /// <remarks>`room` is required: leave is destructive, so it must name the session it ends.</remarks>
    private void Leave(ClientState state, in InboundMessage message, string? id, string? echo)
    {
        if (id is null || !message.Fields.User.IsAbsentOrString)
        {
            ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, echo);
            return;
        }

        var lines = new RoomLogLines();
        Leave(state, message, id, ref lines);
        lines.WriteTo(state.Log); // After the registry lock (RoomLogLines).
    }

    private void Leave(ClientState state, in InboundMessage message, string id, ref RoomLogLines lines)
    {
        using var rooms = ctx.Registry.Lock();
        if (!SessionLookup.TryGet(ctx, rooms, state, id, out var session, out var member))
        {
            return;
        }

        if (message.Fields.User.IsPresent && !message.StringEquals(message.Fields.User, member.UserId))
        {
            ctx.Replies.SessionError(state, ErrorCode.SenderMismatch, session.Id);
            return;
        }

        _membership.End(rooms, session, member, ref lines);
    }
}
