using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Ice;

/// <summary>docs/protocol.md §3.8 through the signaling core (fake connections, fake clock).</summary>
public sealed class IceServerDeliveryTests
{
    private const int TtlSeconds = 600;

    private static readonly DaemonOptions WithIce = new()
    {
        StunUrls = ["stun:stun.example.org"],
        TurnUrls = ["turn:turn.example.org:3478?transport=udp"],
        TurnSecret = "north-wind",
        TurnTtlSeconds = TtlSeconds,
    };

    private static readonly TimeSpan RefreshInterval = IceServerSettings.From(WithIce).RefreshInterval;

    private static string[] Types(HubClient client) =>
        client.Messages.Select(m => m.GetProperty("type").GetString()!).ToArray();

    [Test]
    public void HomecallJoin_IceConfigured_OnlineThenIceServers()
    {
        using var hub = new HubHarness(WithIce);
        var alice = hub.Room();

        alice.Send(new { type = "join", room = "garden", user = "alice" });

        Assert.That(Types(alice), Is.EqualTo(new[] { "online", "ice-servers" }));
        Assert.That(hub.Metrics.TurnCredentialsIssued.Get(IceServerDelivery.MetricLabel), Is.EqualTo(1));
    }

    [Test]
    public void HomecallJoin_SecondMember_OnlyTheJoinerGetsIceServers()
    {
        using var hub = new HubHarness(WithIce);
        var alice = hub.Homecall("garden", "alice");
        var bob = hub.Room();

        bob.Send(new { type = "join", room = "garden", user = "bob" });

        Assert.That(Types(bob), Is.EqualTo(new[] { "online", "ice-servers" }));
        Assert.That(Types(alice), Is.EqualTo(new[] { "online" }));
    }

    [Test]
    public void MeshConnect_IceConfigured_ParticipantsThenIceServers()
    {
        using var hub = new HubHarness(WithIce);

        var ann = hub.Mesh("standup", "ann", "Ann");

        Assert.That(Types(ann), Is.EqualTo(new[] { "participants", "ice-servers" }));
    }

    [Test]
    public void NumericCreateAndJoin_IceConfigured_ReplyThenIceServers()
    {
        using var hub = new HubHarness(WithIce);
        var creator = hub.Room();
        creator.Send(new { type = "create" });
        var roomId = creator.Messages[0].GetProperty("roomId").GetString();
        var joiner = hub.Room();

        joiner.Send(new { type = "join", roomId });

        Assert.That(Types(creator), Is.EqualTo(new[] { "room_created", "ice-servers" }));
        Assert.That(Types(joiner), Is.EqualTo(new[] { "room_joined", "ice-servers" }));
    }

    [Test]
    public void SessionJoin_OfferQueued_IceServersBeforeTheQueuedOffer()
    {
        using var hub = new HubHarness(WithIce);
        var session = Guid.NewGuid().ToString();
        var caller = hub.Session(session, "caller");
        caller.Send(new { type = "offer", room = session, sdp = "v=0" });
        var callee = hub.Signal();

        callee.Send(new { type = "join", room = session, user = "callee" });

        Assert.That(Types(callee), Is.EqualTo(new[] { "ice-servers", "offer" }));
    }

    [Test]
    public void Joins_NoIceServersConfigured_NothingBeyondTheSeedsReplies()
    {
        using var hub = new HubHarness();
        var alice = hub.Room();
        var numeric = hub.Room();
        var caller = hub.Signal();

        alice.Send(new { type = "join", room = "garden", user = "alice" });
        numeric.Send(new { type = "create" });
        caller.Send(new { type = "join", room = Guid.NewGuid().ToString(), user = "caller" });
        var ann = hub.Mesh("standup", "ann", "Ann");

        Assert.That(Types(alice), Is.EqualTo(new[] { "online" }));
        Assert.That(Types(numeric), Is.EqualTo(new[] { "room_created" }));
        Assert.That(Types(caller), Is.Empty);
        Assert.That(Types(ann), Is.EqualTo(new[] { "participants" }));
    }

    [Test]
    public void LongCall_BeforeCredentialsExpire_FreshOnesWithALaterExpiry()
    {
        using var hub = new HubHarness(WithIce);
        var alice = hub.Room();
        alice.Send(new { type = "join", room = "garden", user = "alice" });
        var first = alice.Connection.OfType("ice-servers")[0].GetProperty("expiresAt").GetInt64();

        hub.Advance(RefreshInterval - TimeSpan.FromSeconds(1));
        Assert.That(alice.Connection.OfType("ice-servers"), Has.Count.EqualTo(1), "nothing before the refresh is due");
        hub.Advance(TimeSpan.FromSeconds(1));

        var sent = alice.Connection.OfType("ice-servers");
        Assert.That(sent, Has.Count.EqualTo(2));
        var second = sent[1].GetProperty("expiresAt").GetInt64();
        Assert.That(second, Is.EqualTo(first + (long)RefreshInterval.TotalSeconds));
        Assert.That(hub.Time.GetUtcNow().ToUnixTimeSeconds(), Is.LessThan(first), "the refresh comes before the first credentials expire");
        Assert.That(hub.Metrics.TurnCredentialsIssued.Get(IceServerDelivery.MetricLabel), Is.EqualTo(2));
    }

    [Test]
    public void LongCall_AfterLeave_NoMoreCredentials()
    {
        using var hub = new HubHarness(WithIce);
        var alice = hub.Homecall("garden", "alice");
        alice.Send(new { type = "leave" });

        hub.Advance(RefreshInterval * 3);

        Assert.That(alice.Connection.OfType("ice-servers"), Is.Empty);
    }

    [Test]
    public void StunOnly_LongCall_NoRefreshesAndNoCredentialsCounted()
    {
        using var hub = new HubHarness(new DaemonOptions { StunUrls = ["stun:stun.example.org"] });
        var alice = hub.Room();
        alice.Send(new { type = "join", room = "garden", user = "alice" });

        hub.Advance(TimeSpan.FromDays(2));

        Assert.That(alice.Connection.OfType("ice-servers"), Has.Count.EqualTo(1));
        Assert.That(hub.Metrics.TurnCredentialsIssued.Get(IceServerDelivery.MetricLabel), Is.Zero);
    }
}
