using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// A room of one dialect: its members in join order and its last activity (a /signal session
/// is a <see cref="SessionRoom"/>, which adds the queue). Once in a registry, its members and
/// activity are read and changed only under the registry's lock, which every such member checks.
/// </summary>
internal class Room
{
    private readonly List<Member> _members = [];
    private DateTimeOffset _lastActivity;
    private RoomTotals? _totals;
    private Lock? _gate;

    public Room(Dialect dialect, string id, RoomFingerprinter fingerprinter, DateTimeOffset created)
    {
        if (dialect == Dialect.Session && this is not SessionRoom)
        {
            throw new ArgumentException("a /signal session is a SessionRoom: it always has its queue", nameof(dialect));
        }

        Dialect = dialect;
        Id = id;
        Fingerprint = fingerprinter.Of(dialect, id);
        _lastActivity = created;
    }

    public Dialect Dialect { get; }

    public string Id { get; }

    /// <summary>The keyed fingerprint, computed once: every log line about the room uses it (docs/security.md).</summary>
    public string Fingerprint { get; }

    /// <summary>Members in join order; changed only through <see cref="AddMember"/>, <see cref="RemoveMember"/> and <see cref="ClearMembers"/>, which keep the registry's totals.</summary>
    public MemberList Members
    {
        get
        {
            AssertHeld();
            return new(_members);
        }
    }

    public DateTimeOffset LastActivity
    {
        get
        {
            AssertHeld();
            return _lastActivity;
        }

        set
        {
            AssertHeld();
            _lastActivity = value;
        }
    }

    public int ConnectedCount => Members.Count(m => m.Connection is not null);

    /// <summary>A new member of this room, last in join order.</summary>
    public Member AddMember(string userId, string? displayName, DateTimeOffset joinedAt, IConnection? connection)
    {
        AssertHeld();
        var member = new Member(this, userId, displayName, joinedAt, connection);
        _members.Add(member);
        _totals?.AddMembers(1);
        return member;
    }

    public bool RemoveMember(Member member)
    {
        AssertHeld();
        if (!_members.Remove(member))
        {
            return false;
        }

        _totals?.AddMembers(-1);
        return true;
    }

    public void ClearMembers()
    {
        AssertHeld();
        _totals?.AddMembers(-_members.Count);
        _members.Clear();
    }

    /// <summary>
    /// The registry took the room in (<paramref name="table"/>) or let it go (null): its members and
    /// queue count in the totals only while it is in; its lock guards it from the first time on.
    /// </summary>
    public virtual void CountIn(RoomTable? table)
    {
        _gate ??= table?.Gate;
        _totals?.AddMembers(-_members.Count);
        _totals = table?.Totals;
        _totals?.AddMembers(_members.Count);
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

    /// <summary>
    /// Checked in every build (the tests run Release): a caller without the lock would corrupt
    /// the member list or reorder notifications, silently. The check is one thread-id compare;
    /// a room no registry has taken in yet belongs to its creator alone.
    /// </summary>
    public void AssertHeld()
    {
        if (_gate is { IsHeldByCurrentThread: false })
        {
            throw new InvalidOperationException("hold the registry's lock (RoomRegistry.Lock) to use its rooms");
        }
    }
}
