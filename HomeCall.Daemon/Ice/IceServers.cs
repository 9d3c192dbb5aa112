namespace HomeCall.Daemon.Ice;

/// <summary>
/// The one holder of the ICE servers in force (docs/protocol.md §3.8): a join, a refresh and
/// GET /ice-servers each take <see cref="Current"/> once, an immutable snapshot, so a reload
/// (<see cref="Replace"/>) never mixes old URLs with a new secret and adds no lock to a join.
/// </summary>
internal sealed class IceServers(IceServerSettings initial)
{
    private volatile IceServerSettings _current = initial;

    public IceServerSettings Current => _current;

    /// <summary>A reload's servers: credentials issued from now on use them; ones already issued stay valid until they expire.</summary>
    public void Replace(IceServerSettings next) => _current = next;
}
