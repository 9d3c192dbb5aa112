using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Rooms;

/// <summary>A room of one dialect: its members in join order, its last activity and, for sessions, the queue.</summary>
internal sealed class Room(Dialect dialect, string id, RoomFingerprinter fingerprinter, DateTimeOffset created, SessionQueue? queue = null)
{
    public Dialect Dialect { get; } = dialect;

    public string Id { get; } = id;

    /// <summary>The keyed fingerprint, computed once: every log line about the room uses it (docs/security.md).</summary>
    public string Fingerprint { get; } = fingerprinter.Of(dialect, id);

    public List<Member> Members { get; } = [];

    public DateTimeOffset LastActivity { get; set; } = created;

    public SessionQueue? Queue { get; } = queue;

    public int ConnectedCount => Members.Count(m => m.Connection is not null);

    // Plain loops: these run on every relay, and a capturing lambda would allocate each time.
    public Member? FindUser(string userId)
    {
        foreach (var m in Members)
        {
            if (m.UserId == userId)
            {
                return m;
            }
        }

        return null;
    }

    public Member? FindConnection(IConnection connection)
    {
        foreach (var m in Members)
        {
            if (ReferenceEquals(m.Connection, connection))
            {
                return m;
            }
        }

        return null;
    }
}
