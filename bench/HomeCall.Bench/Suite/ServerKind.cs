namespace HomeCall.Bench.Suite;

/// <summary>
/// Which server a scenario measures (None: the scenario starts its own, or needs none). The
/// daemon appears three ways: as users run it (default log level, only the abuse limits lifted so
/// the load is not refused), at LOG_LEVEL=warning (the old benchmark's setting, to show what the
/// information-level lines cost), and with every setting at its default (the limits' own cost).
/// </summary>
internal enum ServerKind
{
    None,
    Daemon,
    DaemonWarning,
    DaemonDefaultLimits,
    Node,
    Bun,
}
