namespace HomeCall.Daemon.Signaling;

/// <summary>
/// Every <see cref="MessageType"/> with its wire name (docs/protocol.md §4–§8), declared once in
/// <see cref="Table"/>: the names written and counted (<see cref="Of"/>, <see cref="Utf8"/>; also
/// the metrics labels, docs/protocol.md §1.3) and the parser's lookup (<see cref="Lookup"/>) derive
/// from it. A type without a row cannot be named: writing or counting it throws rather than
/// calling a real message "unknown".
/// </summary>
internal static class MessageTypeNames
{
    private static readonly (MessageType Type, string Name)[] Table =
    [
        (MessageType.Unknown, "unknown"),
        (MessageType.Join, "join"),
        (MessageType.Leave, "leave"),
        (MessageType.Offer, "offer"),
        (MessageType.Answer, "answer"),
        (MessageType.Candidate, "candidate"),
        (MessageType.IceCandidate, "ice-candidate"),
        (MessageType.Create, "create"),
        (MessageType.Signal, "signal"),
    ];

    /// <summary>Indexed by the type's value; null where a value has no row.</summary>
    private static readonly string?[] Names = ByType(name => name);

    private static readonly byte[]?[] Utf8Names = ByType(System.Text.Encoding.UTF8.GetBytes);

    /// <summary>
    /// The parser's lookup. "unknown" is a name too: a client sending it gets
    /// <see cref="MessageType.Unknown"/>, as for any name not in the table.
    /// </summary>
    public static readonly NameLookup<MessageType> Lookup = new(Table.Select(row => (row.Name, row.Type)), MessageParser.MaxNameBytes);

    public static string Of(MessageType type) => At(Names, type);

    public static ReadOnlySpan<byte> Utf8(MessageType type) => At(Utf8Names, type);

    private static TName?[] ByType<TName>(Func<string, TName> convert)
        where TName : class
    {
        var byType = new TName?[Table.Max(row => (int)row.Type) + 1];
        foreach (var (type, name) in Table)
        {
            if (byType[(int)type] is not null)
            {
                throw new InvalidOperationException($"message type {type} has two rows");
            }

            byType[(int)type] = convert(name);
        }

        return byType;
    }

    private static TName At<TName>(TName?[] byType, MessageType type)
        where TName : class =>
        (uint)type < (uint)byType.Length ? byType[(int)type] ?? throw Unnamed(type) : throw Unnamed(type);

    private static ArgumentOutOfRangeException Unnamed(MessageType type) => new(nameof(type), type, "unnamed message type");
}
