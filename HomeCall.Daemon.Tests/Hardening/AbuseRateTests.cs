using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Per-connection rate limit (docs/protocol.md §3.6) on a fake clock: RATE_LIMIT_BURST messages pass,
/// the next is dropped with `rate-limited`, RATE_LIMIT_PER_SEC refills, and a connection
/// that keeps exceeding the limit for 10 s is closed with 1008.
/// </summary>
public sealed class AbuseRateTests
{
    private const string Join = """{"type":"join","room":"flood","user":"f"}""";

    [Test]
    public void Flood_PastBurst_ExactlyBurstProcessedRestRateLimited()
    {
        using var harness = new HubHarness();
        var peer = harness.Room();

        for (var i = 0; i < 250; i++)
        {
            peer.SendText(Join);
        }

        var codes = peer.Messages.Select(m => m.TryGetProperty("code", out var c) ? c.GetString() : m.GetProperty("type").GetString()).ToArray();
        Assert.That(codes.Count(c => c == "online"), Is.EqualTo(harness.Options.RateLimitBurst));
        Assert.That(codes.Count(c => c == "rate-limited"), Is.EqualTo(50));
        Assert.That(codes.Skip(200), Is.All.EqualTo("rate-limited"), "nothing past the burst is processed");
        Assert.That(peer.Connection.ClosedWith, Is.Null, "a burst alone does not close the connection");
    }

    [Test]
    public void Flood_AfterOneSecond_PerSecondTokensRefilled()
    {
        using var harness = new HubHarness();
        var peer = harness.Room();
        for (var i = 0; i < harness.Options.RateLimitBurst; i++)
        {
            peer.SendText(Join);
        }

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        peer.Clear();
        for (var i = 0; i < 60; i++)
        {
            peer.SendText(Join);
        }

        Assert.That(peer.Messages.Count(m => m.GetProperty("type").GetString() == "online"), Is.EqualTo(harness.Options.RateLimitPerSecond));
    }

    [Test]
    public void Flood_OtherConnections_NotLimitedByOnesFlood()
    {
        using var harness = new HubHarness();
        var flooder = harness.Room();
        var quiet = harness.Room();
        for (var i = 0; i < 500; i++)
        {
            flooder.SendText(Join);
        }

        var reply = quiet.Exchange("""{"type":"join","room":"calm","user":"q"}""").Single();

        Assert.That(reply.GetProperty("type").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public void Flood_BackUnderTheLimitAfterBeingLimited_NeverClosed()
    {
        using var harness = new HubHarness();
        var peer = harness.Room();
        for (var i = 0; i < harness.Options.RateLimitBurst + 20; i++)
        {
            peer.SendText(Join);
        }

        peer.Clear();
        for (var tick = 0; tick < 600; tick++) // 40 messages/s for 15 s, under the 50/s limit.
        {
            harness.Time.Advance(TimeSpan.FromMilliseconds(25));
            peer.SendText(Join);
        }

        Assert.That(peer.Connection.ClosedWith, Is.Null);
        Assert.That(peer.Messages.Select(m => m.GetProperty("type").GetString()), Is.All.EqualTo("online"));
    }

    [Test]
    public void Flood_TwiceTheRateFor11Seconds_ClosedWith1008()
    {
        using var harness = new HubHarness();
        var peer = harness.Room();
        for (var i = 0; i < harness.Options.RateLimitBurst; i++)
        {
            peer.SendText(Join);
        }

        // 100 messages/s against a limit of 50/s: half are dropped, for 11 s without pause.
        for (var tick = 0; tick < 1100 && peer.Connection.ClosedWith is null; tick++)
        {
            peer.SendText(Join);
            harness.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.That(peer.Messages.Count(m => m.TryGetProperty("code", out var c) && c.GetString() == "rate-limited"), Is.GreaterThan(400));
        Assert.That(peer.Connection.ClosedWith, Is.EqualTo(CloseStatus.PolicyViolation), "kept exceeding the limit for over 10 s");
    }
}
