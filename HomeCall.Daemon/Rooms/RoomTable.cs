using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// What the registry's lock guards: every room of every dialect (one dictionary per dialect
/// namespace, docs/protocol.md §4), the ended-session tombstones and the running totals. Only a
/// <see cref="RoomLock"/>, which holds <see cref="Gate"/>, reads or changes it.
/// </summary>
internal sealed class RoomTable(int endedSessionCapacity)
{
    public Lock Gate { get; } = new();

    public Dictionary<string, Room>[] ByDialect { get; } =
        Enum.GetValues<Dialect>().Select(_ => new Dictionary<string, Room>(StringComparer.Ordinal)).ToArray();

    public EndedSessions Ended { get; } = new(endedSessionCapacity);

    public RoomTotals Totals { get; } = new();
}
