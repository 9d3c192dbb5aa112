namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// docs/protocol.md §3.1: a relay is at most its message plus the one member the daemon
/// stamps that the message need not carry (`,"from":"…"`, `,"fromUserId":"…"` or
/// `,"senderId":"…"`), whose value the daemon writes at most 6 bytes per UTF-16 unit.
/// </summary>
internal static class RelayBound
{
    /// <summary>The longest JSON form of one UTF-16 unit: `\u007f`.</summary>
    public const int MaxEscapedBytesPerUnit = 6;

    public static int Of(int messageBytes, string stampName, string stampValue) =>
        messageBytes + ",\"".Length + stampName.Length + "\":\"".Length + (MaxEscapedBytesPerUnit * stampValue.Length) + "\"".Length;
}
