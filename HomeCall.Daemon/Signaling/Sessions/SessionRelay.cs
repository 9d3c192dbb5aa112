using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling.Sessions;

/// <summary>
/// A /signal relay (docs/protocol.md §8): to the session's other participant at once, or into the
/// session's bounded queue while that participant is away (queue-full when it is full).
/// </summary>
internal sealed class SessionRelay(SignalingContext ctx)
{
    /// <remarks>`room` is required and must be a session id: it is what routes the relay (docs/protocol.md §11.3).</remarks>
    public void Relay(ClientState state, in InboundMessage message, string? id, string? echo)
    {
        if (id is null || !RelayBody.IsValid(message) || !SenderFields.AreWellTyped(message))
        {
            ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, echo);
            return;
        }

        using var rooms = ctx.Registry.Lock();
        if (!SessionLookup.TryGet(ctx, rooms, state, id, out var session, out var member))
        {
            return;
        }

        if (!SenderFields.Match(message, member.UserId))
        {
            ctx.Replies.SessionError(state, ErrorCode.SenderMismatch, session.Id);
            return;
        }

        session.LastActivity = ctx.Time.GetUtcNow();
        var relay = MessageWriter.PassThrough(message, session.Id, member.UserId, ctx.Messages);
        try
        {
            var other = RelayTarget.Other(session, member);
            if (other?.Connection is { } target && target.Send(relay))
            {
                ctx.Metrics.MessagesRelayed.Increment(MessageTypeNames.Of(message.Type));
            }
            else if (!LeavesRoomForTheJoin(session, relay.Memory.Length)
                || !session.Queue.TryAdd(new QueuedMessage(member.UserId, relay.Memory.ToArray())))
            {
                // The session's queue may hold a message for minutes: it keeps a copy, not the pooled buffer.
                ctx.Replies.SessionError(state, ErrorCode.QueueFull, session.Id);
            }
        }
        finally
        {
            relay.Release();
        }
    }

    /// <summary>
    /// docs/protocol.md §8.2: the joiner gets its ice-servers message (§3.8) and then the whole queue in one
    /// go, so both must fit its send queue; else the join itself would close it with 1008 and drop every
    /// queued message, unknown to their sender (MAX_QUEUED_BYTES may equal MAX_SEND_QUEUE_BYTES).
    /// </summary>
    private bool LeavesRoomForTheJoin(SessionRoom session, int bytes) =>
        (long)session.Queue.Bytes + bytes + ctx.Ice.JoinMessageBytes() <= ctx.Options.MaxSendQueueBytes;
}
