using System.Net;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class ConnectionTrackerTests
{
    private static readonly IPAddress A = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress B = IPAddress.Parse("192.0.2.2");

    [Test]
    public void TryAcquire_PastTotal_ReturnsConnectionLimit()
    {
        var tracker = new ConnectionTracker(maxTotal: 2, maxPerIp: 10);
        Assert.That(tracker.TryAcquire(A), Is.Null);
        Assert.That(tracker.TryAcquire(B), Is.Null);

        Assert.That(tracker.TryAcquire(A), Is.EqualTo("connection-limit"));
        Assert.That(tracker.Count, Is.EqualTo(2));
    }

    [Test]
    public void TryAcquire_PastPerIp_RefusesThatIpOnly()
    {
        var tracker = new ConnectionTracker(maxTotal: 10, maxPerIp: 1);
        Assert.That(tracker.TryAcquire(A), Is.Null);

        Assert.That(tracker.TryAcquire(A), Is.EqualTo("per-ip-limit"));
        Assert.That(tracker.TryAcquire(B), Is.Null);
        Assert.That(tracker.Count, Is.EqualTo(2));
    }

    [Test]
    public void Release_AfterLimit_FreesTheSlot()
    {
        var tracker = new ConnectionTracker(maxTotal: 1, maxPerIp: 1);
        Assert.That(tracker.TryAcquire(A), Is.Null);

        tracker.Release(A);

        Assert.That(tracker.Count, Is.Zero);
        Assert.That(tracker.TryAcquire(A), Is.Null);
    }

    [Test]
    public void Release_OneOfTwoFromSameIp_KeepsTheOtherCounted()
    {
        var tracker = new ConnectionTracker(maxTotal: 10, maxPerIp: 2);
        tracker.TryAcquire(A);
        tracker.TryAcquire(A);

        tracker.Release(A);

        Assert.That(tracker.TryAcquire(A), Is.Null);
        Assert.That(tracker.TryAcquire(A), Is.EqualTo("per-ip-limit"));
    }
}
