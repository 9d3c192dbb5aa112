namespace HomeCall.Bench.Suite;

/// <summary>Which server a scenario measures (None: the scenario starts its own, or needs none).</summary>
internal enum ServerKind
{
    None,
    Daemon,
    Node,
}
