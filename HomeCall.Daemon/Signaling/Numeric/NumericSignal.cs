using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling.Numeric;

/// <summary>
/// A numeric room's `signal` (docs/protocol.md §7.1): relayed to every other member as exactly
/// {type, senderId, payload}; the sender must be joined, and every sender field it sends must name
/// its own myId (§3.4).
/// The relay is built once, in a pooled buffer every recipient's queue holds a reference to.
/// </summary>
internal sealed class NumericSignal(SignalingContext ctx)
{
    public void Relay(ClientState state, in InboundMessage message)
    {
        var f = message.Fields;
        if (!f.Payload.IsPresent || !SenderFields.AreWellTyped(message))
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
            return;
        }

        // The registry lock serializes every relay and join of the daemon's event threads: what
        // needs only the message, the connection's own myId (made once, then fixed) and the clock is done before it.
        var relay = SenderFields.Match(message, state.MyId) ? NumericMessages.Signal(message, state.MyId, ctx.Messages) : default;
        int delivered;
        try
        {
            delivered = Deliver(state, relay, ctx.Time.GetUtcNow());
        }
        finally
        {
            // Each recipient's queue holds its own reference: the buffer goes back after the last send.
            relay.Release();
        }

        for (var i = 0; i < delivered; i++)
        {
            ctx.Metrics.MessagesRelayed.Increment("signal");
        }
    }

    /// <summary>Queues the relay to every other member; an empty relay is a sender mismatch, reported after not-joined.</summary>
    private int Deliver(ClientState state, MessageLease relay, DateTimeOffset now)
    {
        using var rooms = ctx.Registry.Lock();
        if (state.Membership is not { } member)
        {
            ctx.Replies.Error(state, ErrorCode.NotJoined);
            return 0;
        }

        if (relay.IsEmpty)
        {
            ctx.Replies.Error(state, ErrorCode.SenderMismatch);
            return 0;
        }

        var room = member.Room;
        room.LastActivity = now;
        var delivered = 0;
        foreach (var other in room.Members)
        {
            if (other.Connection is { } c && !ReferenceEquals(c, state.Connection) && c.Send(relay))
            {
                delivered++;
            }
        }

        return delivered;
    }
}
