namespace HomeCall.Daemon.Signaling.Sessions;

/// <summary>Server-built messages of the /signal dialect (docs/protocol.md §8.1); relays are passed through by <see cref="MessageWriter.PassThrough"/>.</summary>
internal static class SessionMessages
{
    /// <summary>{"type":"leave","room","from"}: to the other participant when a session ends.</summary>
    public static byte[] Leave(string sessionId, string from)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "leave"u8);
        w.WriteString("room"u8, sessionId);
        w.WriteString("from"u8, from);
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }
}
