using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Ice;

/// <summary>A reload's ICE servers reach connections already in rooms at their next refresh (fake connections, fake clock).</summary>
public sealed class IceServerDeliveryReloadTests
{
    private static readonly DaemonOptions WithIce = new()
    {
        TurnUrls = ["turn:old.example.org:3478"],
        TurnSecret = "north-wind",
        TurnTtlSeconds = 600,
    };

    private static readonly TimeSpan OldInterval = IceServerSettings.From(WithIce).RefreshInterval;

    [Test]
    public void Refresh_AfterReload_NewSecretUrlsAndLifetime()
    {
        var ice = new IceServers(IceServerSettings.From(WithIce));
        using var hub = new HubHarness(WithIce, ice);
        var alice = hub.Homecall("garden", "alice");
        var reloaded = IceServerSettings.From(WithIce with { TurnUrls = ["turns:new.example.org:5349"], TurnSecret = "south-wind", TurnTtlSeconds = 1200 });

        ice.Replace(reloaded);
        hub.Advance(OldInterval);

        var refreshed = alice.Connection.OfType("ice-servers").Single();
        var turn = refreshed.GetProperty("iceServers")[0];
        var username = turn.GetProperty("username").GetString()!;
        Assert.That(turn.GetProperty("urls")[0].GetString(), Is.EqualTo("turns:new.example.org:5349"));
        Assert.That(turn.GetProperty("credential").GetString(), Is.EqualTo(TurnCredentials.Credential("south-wind", username)));
        Assert.That(refreshed.GetProperty("expiresAt").GetInt64(), Is.EqualTo(hub.Time.GetUtcNow().ToUnixTimeSeconds() + 1200));
        hub.Advance(reloaded.RefreshInterval - TimeSpan.FromSeconds(1));
        Assert.That(alice.Connection.OfType("ice-servers"), Has.Count.EqualTo(1), "the next refresh comes at the new lifetime's interval");
        hub.Advance(TimeSpan.FromSeconds(1));
        Assert.That(alice.Connection.OfType("ice-servers"), Has.Count.EqualTo(2));
    }

    [Test]
    public void Refresh_AfterReloadRemovedTurn_NothingMoreSent()
    {
        var ice = new IceServers(IceServerSettings.From(WithIce));
        using var hub = new HubHarness(WithIce, ice);
        var alice = hub.Homecall("garden", "alice");

        ice.Replace(IceServerSettings.From(new DaemonOptions()));
        hub.Advance(OldInterval * 3);

        Assert.That(alice.Connection.OfType("ice-servers"), Is.Empty);
        Assert.That(hub.Metrics.TurnCredentialsIssued.Get(IceServerDelivery.MetricLabel), Is.EqualTo(1), "only the join's credentials");
    }
}
