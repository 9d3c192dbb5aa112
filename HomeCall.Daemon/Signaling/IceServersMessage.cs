namespace HomeCall.Daemon.Signaling;

/// <summary>
/// {"type":"ice-servers","iceServers":[…]} (docs/protocol.md §12.4): the STUN/TURN servers a
/// webhook allowed a client to use, sent right after its join. The array is passed on as the
/// webhook wrote it (the daemon only checked that it is a JSON array).
/// </summary>
internal static class IceServersMessage
{
    public static byte[] Build(string iceServersJson)
    {
        var w = MessageWriter.Start();
        w.WriteStartObject();
        w.WriteString("type"u8, "ice-servers"u8);
        w.WritePropertyName("iceServers"u8);
        w.WriteRawValue(iceServersJson, skipInputValidation: true);
        w.WriteEndObject();
        return MessageWriter.Finish(w);
    }
}
