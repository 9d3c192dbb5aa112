using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The signaling side of one connection: rate limit, parse once, and hand the message to the
/// connection's dialect handler — fixed at open by the URL, else chosen by the first
/// join/create (docs/protocol.md §4) and fixed by that handler if the message is valid.
/// </summary>
internal sealed class SignalingClient(ClientState state, DialectHandlers handlers, SignalingContext ctx) : IConnectionObserver
{
    public ClientState State => state;

    public Task? Pending => state.Pending?.Decision;

    public void OnResumed() => ctx.Access.Resume(state);

    public void OnText(ReadOnlyMemory<byte> utf8)
    {
        if (!Admit())
        {
            return;
        }

        var json = utf8.Span;
        if (!MessageParser.TryParse(json, out var type, out var fields))
        {
            ctx.Metrics.MessagesReceived.Increment("invalid");
            Unreadable();
            return;
        }

        ctx.Metrics.MessagesReceived.Increment(MessageTypeNames.Of(type));
        var message = new InboundMessage(json, type, fields);
        if ((state.Handler ?? handlers.SelectedBy(message)) is { } handler)
        {
            handler.Handle(state, message);
        }
        else
        {
            Undetected(message.Type);
        }
    }

    public void OnBinary()
    {
        if (Admit())
        {
            ctx.Metrics.MessagesReceived.Increment("binary");
            Unreadable(); // docs/protocol.md §3.1: every message is JSON in a text message.
        }
    }

    public void OnShutdown() => Refuse(ErrorCode.ShuttingDown);

    public void OnClosed()
    {
        ctx.Ice.Closed(state.Connection);
        if (state.Handler is { } handler)
        {
            var lines = new RoomLogLines();
            using (var rooms = ctx.Registry.Lock())
            {
                handler.Disconnected(rooms, state, ref lines);
            }

            lines.WriteTo(state.Log);
        }
    }

    private bool Admit()
    {
        switch (state.RateLimiter.Take())
        {
            case RateDecision.Allowed:
                return true;
            case RateDecision.Limited:
                Refuse(ErrorCode.RateLimited);
                return false;
            default:
                state.Log.Warning("Over the rate limit for {Seconds} s, closing with {CloseStatus}", RateLimiter.ExcessTolerance.TotalSeconds, CloseStatus.PolicyViolation);
                state.Connection.Close(CloseStatus.PolicyViolation, "rate limit exceeded");
                return false;
        }
    }

    private void Unreadable()
    {
        if (state.Handler is { } handler)
        {
            handler.Unreadable(state);
        }
        else
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
        }
    }

    private void Refuse(string code)
    {
        if (state.Handler is { } handler)
        {
            handler.Refuse(state, code);
        }
        else
        {
            ctx.Replies.Error(state, code);
        }
    }

    private void Undetected(MessageType type)
    {
        // Nothing identifies the dialect yet: a relay or leave has no room to act in.
        var code = type is MessageType.Offer or MessageType.Answer or MessageType.Candidate or MessageType.IceCandidate
            or MessageType.Signal or MessageType.Leave
            ? ErrorCode.NotJoined
            : ErrorCode.InvalidMessage;
        ctx.Replies.Error(state, code);
    }
}
