using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>One namespace per dialect (docs/protocol.md §4); ended-session tombstones (§8.1) with a TTL.</summary>
public sealed class RoomRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Find_SameIdInOtherDialect_Separate()
    {
        var registry = new RoomRegistry();
        using (var rooms = registry.Lock())
        {
            var homecall = new Room(Dialect.Homecall, "1234", TestFingerprints.Fingerprinter, T0);
            var numeric = new Room(Dialect.Numeric, "1234", TestFingerprints.Fingerprinter, T0);
            rooms.Add(homecall);
            rooms.Add(numeric);

            Assert.That(rooms.Find(Dialect.Homecall, "1234"), Is.SameAs(homecall));
            Assert.That(rooms.Find(Dialect.Numeric, "1234"), Is.SameAs(numeric));
            Assert.That(rooms.Find(Dialect.Mesh, "1234"), Is.Null);
            Assert.That(rooms.Count, Is.EqualTo(2));
            Assert.That(rooms.CountOf(Dialect.Numeric), Is.EqualTo(1));

            rooms.Remove(homecall);
            Assert.That(rooms.Contains(Dialect.Homecall, "1234"), Is.False);
            Assert.That(rooms.All, Is.EqualTo(new[] { numeric }));
        }
    }

    [Test]
    public void Find_IdsAreCaseSensitive()
    {
        var registry = new RoomRegistry();
        using (var rooms = registry.Lock())
        {
            rooms.Add(new Room(Dialect.Homecall, "Garden", TestFingerprints.Fingerprinter, T0));

            Assert.That(rooms.Find(Dialect.Homecall, "garden"), Is.Null);
        }
    }

    [Test]
    public void ForgetEndedBefore_Cutoff_DropsOnlyOlderTombstones()
    {
        var registry = new RoomRegistry();
        using (var rooms = registry.Lock())
        {
            rooms.MarkEnded("a", T0);
            rooms.MarkEnded("b", T0 + TimeSpan.FromSeconds(1));

            rooms.ForgetEndedBefore(T0);

            Assert.That(rooms.IsEnded("a"), Is.False);
            Assert.That(rooms.IsEnded("b"), Is.True);
            Assert.That(rooms.EndedCount, Is.EqualTo(1));
        }
    }

    [Test]
    public void MarkEnded_PastTheTombstoneCap_OldestNoLongerEnded()
    {
        var registry = new RoomRegistry(endedSessionCapacity: 2);
        using (var rooms = registry.Lock())
        {
            rooms.MarkEnded("a", T0);
            rooms.MarkEnded("b", T0 + TimeSpan.FromSeconds(1));
            rooms.MarkEnded("c", T0 + TimeSpan.FromSeconds(2));

            Assert.That(rooms.IsEnded("a"), Is.False);
            Assert.That(rooms.IsEnded("b") && rooms.IsEnded("c"), Is.True);
            Assert.That(rooms.EndedCount, Is.EqualTo(2));
        }
    }

    [Test]
    public void Lock_Disposed_AnotherThreadTakesIt()
    {
        var registry = new RoomRegistry();
        using (var rooms = registry.Lock())
        {
            rooms.Add(new Room(Dialect.Homecall, "garden", TestFingerprints.Fingerprinter, T0));
        }

        // A generous bound for a loaded 2-core machine: the lock is free, so this takes microseconds.
        var count = Task.Run(() =>
        {
            using var rooms = registry.Lock();
            return rooms.Count;
        });

        Assert.That(count.Wait(TimeSpan.FromSeconds(30)), Is.True, "the lock was released");
        Assert.That(count.Result, Is.EqualTo(1));
    }

    [Test]
    public void FindSession_SessionAdded_TheSessionRoomWithItsQueue()
    {
        var registry = new RoomRegistry();
        var session = new SessionRoom("6f9619ff-8b86-d011-b42d-00c04fc964ff", TestFingerprints.Fingerprinter, T0, new SessionQueue(4, 100));
        using var rooms = registry.Lock();
        rooms.Add(session);

        Assert.That(rooms.FindSession(session.Id), Is.SameAs(session));
        Assert.That(rooms.Sessions, Is.EqualTo(new[] { session }));
        Assert.That(rooms.FindSession("other"), Is.Null);
    }
}
