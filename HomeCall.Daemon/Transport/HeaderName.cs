namespace HomeCall.Daemon.Transport;

/// <summary>
/// The request headers the daemon reads (docs/protocol.md §1.3, §2), recognised once while the
/// head is parsed so that every later look-up compares a byte, not a name.
/// </summary>
internal enum HeaderName : byte
{
    /// <summary>Any header the daemon does not read by this name.</summary>
    Other,
    Host,
    Upgrade,
    Connection,
    SecWebSocketKey,
    SecWebSocketVersion,
    Origin,
    TransferEncoding,
    ContentLength,
    XForwardedFor,
    XForwardedProto,
    Authorization,
}
