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
        lock (registry.Gate)
        {
            var homecall = new Room(Dialect.Homecall, "1234", TestFingerprints.Fingerprinter, T0);
            var numeric = new Room(Dialect.Numeric, "1234", TestFingerprints.Fingerprinter, T0);
            registry.Add(homecall);
            registry.Add(numeric);

            Assert.That(registry.Find(Dialect.Homecall, "1234"), Is.SameAs(homecall));
            Assert.That(registry.Find(Dialect.Numeric, "1234"), Is.SameAs(numeric));
            Assert.That(registry.Find(Dialect.Mesh, "1234"), Is.Null);
            Assert.That(registry.Count, Is.EqualTo(2));
            Assert.That(registry.CountOf(Dialect.Numeric), Is.EqualTo(1));

            registry.Remove(homecall);
            Assert.That(registry.Contains(Dialect.Homecall, "1234"), Is.False);
            Assert.That(registry.All, Is.EqualTo(new[] { numeric }));
        }
    }

    [Test]
    public void Find_IdsAreCaseSensitive()
    {
        var registry = new RoomRegistry();
        lock (registry.Gate)
        {
            registry.Add(new Room(Dialect.Homecall, "Garden", TestFingerprints.Fingerprinter, T0));

            Assert.That(registry.Find(Dialect.Homecall, "garden"), Is.Null);
        }
    }

    [Test]
    public void ForgetEndedBefore_Cutoff_DropsOnlyOlderTombstones()
    {
        var registry = new RoomRegistry();
        lock (registry.Gate)
        {
            registry.MarkEnded("a", T0);
            registry.MarkEnded("b", T0 + TimeSpan.FromSeconds(1));

            registry.ForgetEndedBefore(T0);

            Assert.That(registry.IsEnded("a"), Is.False);
            Assert.That(registry.IsEnded("b"), Is.True);
            Assert.That(registry.EndedCount, Is.EqualTo(1));
        }
    }

    [Test]
    public void MarkEnded_PastTheTombstoneCap_OldestNoLongerEnded()
    {
        var registry = new RoomRegistry(endedSessionCapacity: 2);
        lock (registry.Gate)
        {
            registry.MarkEnded("a", T0);
            registry.MarkEnded("b", T0 + TimeSpan.FromSeconds(1));
            registry.MarkEnded("c", T0 + TimeSpan.FromSeconds(2));

            Assert.That(registry.IsEnded("a"), Is.False);
            Assert.That(registry.IsEnded("b") && registry.IsEnded("c"), Is.True);
            Assert.That(registry.EndedCount, Is.EqualTo(2));
        }
    }

    [Test]
    public void Find_WithoutGate_Throws()
    {
        var registry = new RoomRegistry();

        Assert.That(() => registry.Find(Dialect.Homecall, "1234"), Throws.InvalidOperationException.With.Message.EqualTo("hold RoomRegistry.Gate"));
    }

    [Test]
    public void Add_WithoutGate_ThrowsAndAddsNothing()
    {
        var registry = new RoomRegistry();

        Assert.That(() => registry.Add(new Room(Dialect.Homecall, "1234", TestFingerprints.Fingerprinter, T0)), Throws.InvalidOperationException);
        lock (registry.Gate)
        {
            Assert.That(registry.Count, Is.Zero);
        }
    }
}
