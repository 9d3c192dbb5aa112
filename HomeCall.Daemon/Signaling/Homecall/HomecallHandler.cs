using HomeCall.Daemon.Access;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling.Homecall;

/// <summary>
/// Homecall rooms (docs/protocol.md §5): join/leave with `online` lists to every member, and
/// offer/answer/candidate routed by `to`, stamped with `from`, other fields passed through.
/// </summary>
internal sealed class HomecallHandler(SignalingContext ctx) : IDialectHandler
{
    private readonly HomecallMembership _membership = new(ctx);

    public Dialect Dialect => Dialect.Homecall;

    /// <summary>docs/protocol.md §4: a `join` with both `room` and `user`.</summary>
    public bool IsSelectedBy(in InboundMessage message) =>
        message.Type == MessageType.Join && message.Fields.Room.IsPresent && message.Fields.User.IsPresent;

    public void Handle(ClientState state, in InboundMessage message)
    {
        switch (message.Type)
        {
            case MessageType.Join:
                Join(state, message);
                break;
            case MessageType.Leave:
                Leave(state, message);
                break;
            case MessageType.Offer or MessageType.Answer or MessageType.Candidate:
                Relay(state, message);
                break;
            default:
                ctx.Replies.Error(state, ErrorCode.InvalidMessage);
                break;
        }
    }

    public void Unreadable(ClientState state) => ctx.Replies.Error(state, ErrorCode.InvalidMessage);

    public void Refuse(ClientState state, string code) => ctx.Replies.Error(state, code);

    public void Disconnected(RoomLock rooms, ClientState state, ref RoomLogLines lines)
    {
        if (state.Membership is { } member)
        {
            _membership.Remove(rooms, member, ref lines);
        }
    }

    private void Join(ClientState state, in InboundMessage message)
    {
        if (!FieldRules.IsValid(message, message.Fields.Room, FieldRules.MaxRoomLength, out var roomId)
            || !FieldRules.IsValid(message, message.Fields.User, FieldRules.MaxUserLength, out var user))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        state.Use(this); // docs/protocol.md §4: a valid join with room and user fixes the dialect.
        var request = new AccessRequest(Dialect.Homecall, roomId, user, AccessTokens.Of(message, state));
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
        var (roomId, user) = (request.Room!, request.User!);
        using var rooms = ctx.Registry.Lock();
        var current = state.Membership;
        if (current is not null && current.Room.Id == roomId && current.UserId == user)
        {
            HomecallMembership.BroadcastOnline(current.Room); // Joining again as the same user changes nothing.
            return;
        }

        var room = rooms.Find(Dialect.Homecall, roomId);
        if (_membership.IsFull(room, current, user))
        {
            ctx.Replies.Error(state, ErrorCode.RoomFull);
            return;
        }

        if (room is null && !ctx.Access.TryCreate(state, request, grant))
        {
            return;
        }

        if (current is not null)
        {
            _membership.Remove(rooms, current, ref lines); // docs/protocol.md §5.1: one room at a time.
        }

        _membership.Enter(rooms, state, roomId, user, ref lines);
    }

    private void Leave(ClientState state, in InboundMessage message)
    {
        var f = message.Fields;
        if (!f.Room.IsAbsentOrString || !f.User.IsAbsentOrString)
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        var lines = new RoomLogLines();
        Leave(state, message, ref lines);
        lines.WriteTo(state.Log); // After the registry lock (RoomLogLines).
    }

    private void Leave(ClientState state, in InboundMessage message, ref RoomLogLines lines)
    {
        var f = message.Fields;
        using var rooms = ctx.Registry.Lock();
        var member = state.Membership;
        if (member is null || (f.Room.IsPresent && !message.StringEquals(f.Room, member.Room.Id)))
        {
            ctx.Replies.Error(state, ErrorCode.NotJoined);
            return;
        }

        if (f.User.IsPresent && !message.StringEquals(f.User, member.UserId))
        {
            ctx.Replies.Error(state, ErrorCode.SenderMismatch);
            return;
        }

        _membership.Remove(rooms, member, ref lines);
    }

    private void Relay(ClientState state, in InboundMessage message)
    {
        var f = message.Fields;
        if (!f.To.IsString || !RelayBody.IsValid(message) || !SenderFields.AreWellTyped(message))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        DirectedRelay.Deliver(ctx, state, message, f.To, "to", static (in InboundMessage m, string from, MessagePool pool) => MessageWriter.PassThrough(m, null, from, pool));
    }
}
