using HomeCall.Daemon.Config;
using HomeCall.Daemon.Metrics;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Builds and sends error messages (docs/protocol.md §3.3): {"type":"error","code","message"} plus the
/// dialect's extra field — `room` on /signal (null when the message named none), `to`
/// for homecall's user-not-found, `parameter` for mesh's invalid-parameters.
/// </summary>
internal sealed class Replies(ErrorLanguage language, DaemonMetrics metrics)
{
    public void Error(ClientState state, string code) => Send(state, code, null, null, includeRoom: false, room: null);

    public void Error(ClientState state, string code, string extraName, string? extraValue) =>
        Send(state, code, extraName, extraValue, includeRoom: false, room: null);

    /// <summary>A /signal error: always carries `room`.</summary>
    public void SessionError(ClientState state, string code, string? room) =>
        Send(state, code, null, null, includeRoom: true, room: room);

    /// <summary>An error to another connection than the one being served (a replaced duplicate, an expired room's member).</summary>
    public void ErrorTo(IConnection target, Dialect dialect, string code, string? room)
    {
        metrics.ErrorsSent.Increment(code);
        target.Send(Build(code, dialect, null, null, includeRoom: dialect == Dialect.Session, room));
    }

    public byte[] Build(string code, Dialect? dialect, string? extraName, string? extraValue, bool includeRoom, string? room)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "error"u8);
        if (includeRoom)
        {
            if (room is null)
            {
                w.WriteNull("room"u8);
            }
            else
            {
                w.WriteString("room"u8, room);
            }
        }

        w.WriteString("code"u8, code);
        w.WriteString("message"u8, ErrorCatalog.Text(code, dialect, language));
        if (extraName is not null)
        {
            w.WriteString(extraName, extraValue);
        }

        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }

    private void Send(ClientState state, string code, string? extraName, string? extraValue, bool includeRoom, string? room)
    {
        var dialect = state.Dialect;
        metrics.ErrorsSent.Increment(code);
        if (code == ErrorCode.RateLimited)
        {
            state.Log.Debug("Error {Code} sent", code);
        }
        else
        {
            state.Log.Information("Error {Code} sent", code);
        }

        state.Connection.Send(Build(code, dialect, extraName, extraValue, includeRoom, room));
    }
}
