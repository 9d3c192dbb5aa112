using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>A room in a registry is used only under the registry's lock; a session always has its queue; members know their room.</summary>
public sealed class RoomTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Constructor_SessionDialectAsPlainRoom_Throws()
    {
        Assert.That(() => new Room(Dialect.Session, "6f9619ff-8b86-d011-b42d-00c04fc964ff", TestFingerprints.Fingerprinter, T0), Throws.ArgumentException);
    }

    [Test]
    public void AddMember_NewMember_KnowsItsRoom()
    {
        var room = new Room(Dialect.Mesh, "hall", TestFingerprints.Fingerprinter, T0);

        var member = room.AddMember("u1", "Ann", T0, null);

        Assert.That(member.Room, Is.SameAs(room));
        Assert.That(room.FindUser("u1"), Is.SameAs(member));
    }

    [Test]
    public void Connection_RegisteredRoomWithoutTheLock_Throws()
    {
        var registry = new RoomRegistry();
        var session = new SessionRoom("6f9619ff-8b86-d011-b42d-00c04fc964ff", TestFingerprints.Fingerprinter, T0, new SessionQueue(4, 100));
        var member = session.AddMember("caller", null, T0, new FakeConnection(1));
        using (var rooms = registry.Lock())
        {
            rooms.Add(session);
        }

        Assert.That(() => member.Connection = null, Throws.InvalidOperationException);
        Assert.That(() => session.Queue, Throws.InvalidOperationException);
    }

    [Test]
    public void Members_RegisteredRoomWithoutTheLock_Throws()
    {
        var registry = new RoomRegistry();
        var room = new Room(Dialect.Homecall, "garden", TestFingerprints.Fingerprinter, T0);
        using (var rooms = registry.Lock())
        {
            rooms.Add(room);
        }

        Assert.That(() => room.Members, Throws.InvalidOperationException.With.Message.Contains("RoomRegistry.Lock"));
    }

    [Test]
    public void AddMember_RemovedRoomWithoutTheLock_ThrowsAndAddsNothing()
    {
        var registry = new RoomRegistry();
        var room = new Room(Dialect.Homecall, "garden", TestFingerprints.Fingerprinter, T0);
        using (var rooms = registry.Lock())
        {
            rooms.Add(room);
            rooms.Remove(room);
        }

        Assert.That(() => room.AddMember("alice", null, T0, null), Throws.InvalidOperationException);
        using (registry.Lock())
        {
            Assert.That(room.Members, Is.Empty);
        }
    }

    [Test]
    public void LastActivity_RegisteredRoomOnAnotherThreadThanTheLock_Throws()
    {
        var registry = new RoomRegistry();
        var room = new Room(Dialect.Numeric, "1234", TestFingerprints.Fingerprinter, T0);
        using var rooms = registry.Lock();
        rooms.Add(room);

        var read = Task.Run(() => room.LastActivity);

        Assert.That(() => read.GetAwaiter().GetResult(), Throws.InvalidOperationException);
    }
}
