namespace HomeCall.Daemon.Signaling;

/// <summary>
/// docs/protocol.md §3.4: `from`, `fromUserId` and `senderId` all name a sender.
/// Whichever of them a relay carries must be a string equal to the identity the connection
/// registered; otherwise it is not relayed. Checking all three in every dialect keeps a
/// pass-through relay (homecall, /signal) from carrying a forged `fromUserId` or `senderId`
/// to a client that reads another dialect's field.
/// </summary>
internal static class SenderFields
{
    /// <summary>Each sender field is absent or a string (anything else is invalid-message).</summary>
    public static bool AreWellTyped(in InboundMessage message)
    {
        var f = message.Fields;
        return f.From.IsAbsentOrString && f.FromUserId.IsAbsentOrString && f.SenderId.IsAbsentOrString;
    }

    /// <summary>Every sender field present names <paramref name="registered"/> (else sender-mismatch).</summary>
    public static bool Match(in InboundMessage message, string registered)
    {
        var f = message.Fields;
        return (!f.From.IsPresent || message.StringEquals(f.From, registered))
            && (!f.FromUserId.IsPresent || message.StringEquals(f.FromUserId, registered))
            && (!f.SenderId.IsPresent || message.StringEquals(f.SenderId, registered));
    }
}
