namespace HomeCall.Daemon.Transport;

/// <summary>WebSocket close codes the daemon sends (RFC 6455 §7.4.1, docs/protocol.md §10.1).</summary>
internal static class CloseStatus
{
    public const int Normal = 1000;
    public const int GoingAway = 1001;
    public const int ProtocolError = 1002;
    public const int InvalidPayload = 1007;
    public const int PolicyViolation = 1008;
    public const int MessageTooBig = 1009;
    public const int InternalError = 1011;

    /// <summary>docs/protocol.md §7.2: a numeric room expired.</summary>
    public const int RoomExpired = 4000;

    /// <summary>docs/protocol.md §3.5: the same user joined from another connection.</summary>
    public const int Replaced = 4001;

    /// <summary>
    /// The /metrics label of a close: the daemon's own statuses by number, anything a client
    /// chose (3000-4999 echoed back) as "other", so clients cannot grow the series count.
    /// </summary>
    public static string MetricLabel(int status) => status switch
    {
        Normal or GoingAway or ProtocolError or InvalidPayload or PolicyViolation or MessageTooBig or InternalError
            or RoomExpired or Replaced or 1006 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "other",
    };
}
