namespace HomeCall.Bench.Load;

/// <summary>Two members of one room that relay to each other; A starts the window.</summary>
internal sealed record RelayPair(RelayPeer A, RelayPeer B, string Dialect);
