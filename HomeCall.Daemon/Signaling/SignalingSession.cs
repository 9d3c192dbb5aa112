using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// The signaling side of one connection: rate limit, parse once, fix the dialect
/// (docs/protocol.md §4: the URL's roomId, else the first join/create), and switch to that
/// dialect's handler.
/// </summary>
internal sealed class SignalingSession(ConnectionState state, DialectHandlers handlers, SignalingContext ctx) : IConnectionSession
{
    public ConnectionState State => state;

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
            Invalid();
            return;
        }

        ctx.Metrics.MessagesReceived.Increment(MessageTypeNames.Of(type));
        var message = new InboundMessage(json, type, fields);
        switch (state.Dialect ?? Detect(message))
        {
            case Dialect.Session:
                handlers.Session.Handle(state, message);
                break;
            case Dialect.Homecall:
                handlers.Homecall.Handle(state, message);
                break;
            case Dialect.Numeric:
                handlers.Numeric.Handle(state, message);
                break;
            case Dialect.Mesh:
                handlers.Mesh.Handle(state, message);
                break;
            default:
                Undetected(message.Type);
                break;
        }
    }

    public void OnBinary()
    {
        if (Admit())
        {
            ctx.Metrics.MessagesReceived.Increment("binary");
            Invalid(); // docs/protocol.md §3.1: every message is JSON in a text message.
        }
    }

    public void OnShutdown()
    {
        if (state.Dialect == Dialect.Session)
        {
            ctx.Replies.SessionError(state, ErrorCode.ShuttingDown, handlers.Session.CurrentSessionId(state));
        }
        else
        {
            ctx.Replies.Error(state, ErrorCode.ShuttingDown);
        }
    }

    public void OnClosed()
    {
        ctx.Ice.Closed(state.Connection);
        switch (state.Dialect)
        {
            case Dialect.Session:
                handlers.Session.Disconnected(state);
                break;
            case Dialect.Homecall:
                handlers.Homecall.Disconnected(state);
                break;
            case Dialect.Numeric:
                handlers.Numeric.Disconnected(state);
                break;
            case Dialect.Mesh:
                handlers.Mesh.Disconnected(state);
                break;
        }
    }

    private bool Admit()
    {
        switch (state.RateLimiter.Take())
        {
            case RateDecision.Allowed:
                return true;
            case RateDecision.Limited:
                if (state.Dialect == Dialect.Session)
                {
                    ctx.Replies.SessionError(state, ErrorCode.RateLimited, handlers.Session.CurrentSessionId(state));
                }
                else
                {
                    ctx.Replies.Error(state, ErrorCode.RateLimited);
                }

                return false;
            default:
                state.Log.Warning("Over the rate limit for {Seconds} s, closing with {CloseStatus}", RateLimiter.ExcessTolerance.TotalSeconds, CloseStatus.PolicyViolation);
                state.Connection.Close(CloseStatus.PolicyViolation, "rate limit exceeded");
                return false;
        }
    }

    private void Invalid()
    {
        if (state.Dialect == Dialect.Session)
        {
            ctx.Replies.SessionError(state, ErrorCode.InvalidMessage, null);
        }
        else
        {
            ctx.Replies.Error(state, ErrorCode.InvalidMessage);
        }
    }

    /// <summary>
    /// docs/protocol.md §4: `join` with room and user is homecall; `create`, or `join` with
    /// roomId, is numeric. The handler fixes the dialect only if the message is valid:
    /// a message answered with invalid-message has no effect at all.
    /// </summary>
    private static Dialect? Detect(in InboundMessage message)
    {
        var f = message.Fields;
        return message.Type switch
        {
            MessageType.Join when f.Room.IsPresent && f.User.IsPresent => Dialect.Homecall,
            MessageType.Join when f.RoomId.IsPresent => Dialect.Numeric,
            MessageType.Create => Dialect.Numeric,
            _ => null,
        };
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
