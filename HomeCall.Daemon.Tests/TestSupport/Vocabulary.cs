using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The wire names of the daemon's inbound vocabulary, read from its tables
/// (<see cref="MessageTypeNames"/>, <see cref="KnownFields.Table"/>), so a new message type or
/// field is generated, fuzzed and checked against the docs without editing a test.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Every message type a client may send, in the table's order (<see cref="MessageType.Unknown"/> is none).</summary>
    public static IReadOnlyList<string> TypeNames { get; } =
        [.. Enum.GetValues<MessageType>().Where(t => t != MessageType.Unknown).Select(MessageTypeNames.Of)];

    /// <summary>Every known field, in the table's order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = [.. KnownFields.Table.Select(f => f.Name)];
}
