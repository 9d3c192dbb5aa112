using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Rooms;

/// <summary>A room of one dialect: its members in join order, its last activity and, for sessions, the queue.</summary>
internal sealed class Room(Dialect dialect, string id, RoomFingerprinter fingerprinter, DateTimeOffset created, SessionQueue? queue = null)
{
    public Dialect Dialect { get; } = dialect;

    public string Id { get; } = id;

    /// <summary>The keyed fingerprint, computed once: every log line about the room uses it (docs/security.md).</summary>
    public string Fingerprint { get; } = fingerprinter.Of(dialect, id);

    private readonly List<Member> _members = [];
    private RoomTotals? _totals;

    /// <summary>Members in join order; changed only through <see cref="AddMember"/>, <see cref="RemoveMember"/> and <see cref="ClearMembers"/>, which keep the registry's totals.</summary>
    public MemberList Members => new(_members);

    public DateTimeOffset LastActivity { get; set; } = created;

    public SessionQueue? Queue { get; } = queue;

    public int ConnectedCount => Members.Count(m => m.Connection is not null);

    public void AddMember(Member member)
    {
        _members.Add(member);
        _totals?.AddMembers(1);
    }

    public bool RemoveMember(Member member)
    {
        if (!_members.Remove(member))
        {
            return false;
        }

        _totals?.AddMembers(-1);
        return true;
    }

    public void ClearMembers()
    {
        _totals?.AddMembers(-_members.Count);
        _members.Clear();
    }

    /// <summary>The registry took the room in (<paramref name="totals"/>) or let it go (null): its members and queue count there only while it is in.</summary>
    public void CountIn(RoomTotals? totals)
    {
        _totals?.AddMembers(-_members.Count);
        _totals = totals;
        _totals?.AddMembers(_members.Count);
        Queue?.CountIn(totals);
    }

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
