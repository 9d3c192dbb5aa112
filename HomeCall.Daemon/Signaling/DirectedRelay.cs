using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The relay both room dialects that address one member share (homecall `to`, mesh
/// `targetUserId`, docs/protocol.md §5.1/§6.2): the sender must be joined and its sender fields must
/// match; the addressee gets the message the dialect builds, or the sender is told
/// user-not-found naming the target (also when the target is closing, so nothing is lost
/// silently).
/// </summary>
internal static class DirectedRelay
{
    /// <summary>Builds the outgoing message for a verified sender, in a buffer of <paramref name="pool"/>.</summary>
    public delegate MessageLease Builder(in InboundMessage message, string from, MessagePool pool);

    /// <summary>Caller has validated field types; this takes the registry lock.</summary>
    public static void Deliver(SignalingContext ctx, ClientState state, in InboundMessage message, JsonField target, string targetName, Builder build)
    {
        using (ctx.Registry.Lock())
        {
            var member = state.Membership;
            if (member is null)
            {
                ctx.Replies.Error(state, ErrorCode.NotJoined);
                return;
            }

            if (!SenderFields.Match(message, member.UserId))
            {
                ctx.Replies.Error(state, ErrorCode.SenderMismatch);
                return;
            }

            if (RelayTarget.Find(member.Room, message, target) is not { } connection
                || !SendOnce(connection, build(message, member.UserId, ctx.Messages)))
            {
                ctx.Replies.Error(state, ErrorCode.UserNotFound, targetName, message.String(target));
                return;
            }

            ctx.Metrics.MessagesRelayed.Increment(MessageTypeNames.Of(message.Type));
        }
    }

    /// <summary>Queues the relay; the builder's own reference is released whether or not it was queued.</summary>
    private static bool SendOnce(IConnection connection, MessageLease relay)
    {
        try
        {
            return connection.Send(relay);
        }
        finally
        {
            relay.Release();
        }
    }
}
