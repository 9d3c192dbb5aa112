namespace HomeCall.Daemon.Transport;

/// <summary>What a request path routes to (docs/protocol.md §1.1).</summary>
internal enum EndpointKind
{
    /// <summary>/, /ws, /ws/: homecall, mesh or numeric dialect.</summary>
    Room,
    /// <summary>/signal: the 1:1 session dialect.</summary>
    Signal,
    Health,
    Rooms,
    Metrics,
    /// <summary>GET /ice-servers: STUN/TURN servers with fresh credentials.</summary>
    IceServers,
    /// <summary>A plain GET / with SELFTEST_PAGE on.</summary>
    SelfTest,
}
