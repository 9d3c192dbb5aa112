namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// One client message in a known state of a dialect and the daemon's answer (docs/protocol.md §5–§9): an error
/// code (with the dialect's extra field, e.g. `to` or `room`), `relay:T` (the other peer
/// receives a T), or `reply:T` (the sender receives a T). Public because NUnit passes it
/// to a public test method.
/// </summary>
public sealed record MessageCase(string Dialect, string Name, string Json, string Outcome, string? Field = null, string? Value = null, bool KnownBug = false)
{
    /// <summary>Marks an expected extra field whose value is JSON null.</summary>
    public const string Null = "<null>";

    public bool IsError => !Outcome.Contains(':', StringComparison.Ordinal);
}
