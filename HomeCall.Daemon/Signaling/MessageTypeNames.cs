namespace HomeCall.Daemon.Signaling;

/// <summary>Wire names of <see cref="MessageType"/> (also the metrics labels).</summary>
internal static class MessageTypeNames
{
    public static string Of(MessageType type) => type switch
    {
        MessageType.Join => "join",
        MessageType.Leave => "leave",
        MessageType.Offer => "offer",
        MessageType.Answer => "answer",
        MessageType.Candidate => "candidate",
        MessageType.IceCandidate => "ice-candidate",
        MessageType.Create => "create",
        MessageType.Signal => "signal",
        _ => "unknown",
    };

    public static ReadOnlySpan<byte> Utf8(MessageType type) => type switch
    {
        MessageType.Offer => "offer"u8,
        MessageType.Answer => "answer"u8,
        MessageType.Candidate => "candidate"u8,
        MessageType.IceCandidate => "ice-candidate"u8,
        MessageType.Signal => "signal"u8,
        MessageType.Leave => "leave"u8,
        _ => "unknown"u8,
    };
}
