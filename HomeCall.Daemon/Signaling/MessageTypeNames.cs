namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Wire names of <see cref="MessageType"/> (also the metrics labels), as a string and as UTF-8;
/// the parser recognises the same names. Every type is listed in both tables: a missing entry
/// would write or count a real message as "unknown".
/// </summary>
internal static class MessageTypeNames
{
    public static string Of(MessageType type) => type switch
    {
        MessageType.Unknown => "unknown",
        MessageType.Join => "join",
        MessageType.Leave => "leave",
        MessageType.Offer => "offer",
        MessageType.Answer => "answer",
        MessageType.Candidate => "candidate",
        MessageType.IceCandidate => "ice-candidate",
        MessageType.Create => "create",
        MessageType.Signal => "signal",
        _ => throw Unnamed(type),
    };

    public static ReadOnlySpan<byte> Utf8(MessageType type) => type switch
    {
        MessageType.Unknown => "unknown"u8,
        MessageType.Join => "join"u8,
        MessageType.Leave => "leave"u8,
        MessageType.Offer => "offer"u8,
        MessageType.Answer => "answer"u8,
        MessageType.Candidate => "candidate"u8,
        MessageType.IceCandidate => "ice-candidate"u8,
        MessageType.Create => "create"u8,
        MessageType.Signal => "signal"u8,
        _ => throw Unnamed(type),
    };

    private static ArgumentOutOfRangeException Unnamed(MessageType type) => new(nameof(type), type, "unnamed message type");
}
