using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>docs/protocol.md §3.5, §3.6: per-connection rate limit with the 1008 close after 10 s of excess, and shutdown.</summary>
public sealed class SignalingClientLimitsTests
{
    private const string Id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private static DaemonOptions Limits => new() { RateLimitPerSecond = 50, RateLimitBurst = 200 };

    /// <summary>Sends one signal every 10 ms (twice the 50/s limit) for <paramref name="duration"/>.</summary>
    private static void Flood(HubHarness hub, HubClient client, TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += Tick)
        {
            client.Send(new { type = "signal", payload = 1 });
            hub.Advance(Tick);
        }
    }

    [Test]
    public void OnText_BurstExhausted_RateLimitedAndDropped()
    {
        using var hub = new HubHarness(Limits);
        var a = hub.NumericCreator(out var roomId);
        var b = hub.NumericJoiner(roomId);
        for (var i = 0; i < 199; i++)
        {
            a.Send(new { type = "signal", payload = i });
        }

        a.Send(new { type = "signal", payload = "over" });

        Assert.That(a.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"rate-limited\",\"message\":\"Too many messages, slow down\"}"));
        Assert.That(b.Sent, Has.Count.EqualTo(199));
        Assert.That(a.ClosedWith, Is.Null);
    }

    [Test]
    public void OnText_AfterOneSecond_RefilledByRate()
    {
        using var hub = new HubHarness(Limits);
        var a = hub.NumericCreator(out _);
        for (var i = 0; i < 199; i++)
        {
            a.Send(new { type = "signal", payload = i });
        }

        hub.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 50; i++)
        {
            a.Send(new { type = "signal", payload = i });
        }

        Assert.That(a.Sent, Is.Empty);
        a.Send(new { type = "signal", payload = "over" });
        Assert.That(a.SingleErrorCode(), Is.EqualTo("rate-limited"));
    }

    [Test]
    public void OnText_TwiceTheRateFor10Seconds_Closed1008()
    {
        using var hub = new HubHarness(Limits);
        var a = hub.NumericCreator(out _);
        Flood(hub, a, TimeSpan.FromSeconds(4)); // 400 messages: the burst of 200 is spent after 4 s.

        Flood(hub, a, TimeSpan.FromSeconds(10) + Tick);

        Assert.That(a.ClosedWith, Is.EqualTo(1008));
    }

    [Test]
    public void OnText_TwiceTheRateForUnder10Seconds_StaysOpen()
    {
        using var hub = new HubHarness(Limits);
        var a = hub.NumericCreator(out _);
        Flood(hub, a, TimeSpan.FromSeconds(4));

        Flood(hub, a, TimeSpan.FromSeconds(9));

        Assert.That(a.ClosedWith, Is.Null);
        Assert.That(a.Messages.Select(JsonShape.Type).Distinct(), Is.EqualTo(Expect.List("error")));
    }

    [Test]
    public void OnText_ExcessInterruptedByAPause_NotContinuousStaysOpen()
    {
        using var hub = new HubHarness(Limits);
        var a = hub.NumericCreator(out _);
        Flood(hub, a, TimeSpan.FromSeconds(4) + TimeSpan.FromSeconds(8));
        hub.Advance(TimeSpan.FromSeconds(2)); // Under the limit long enough to regain a second's worth.

        Flood(hub, a, TimeSpan.FromSeconds(8));

        Assert.That(a.ClosedWith, Is.Null);
    }

    [Test]
    public void OnBinary_OverTheLimit_RateLimitedRatherThanInvalid()
    {
        using var hub = new HubHarness(new DaemonOptions { RateLimitPerSecond = 1, RateLimitBurst = 1 });
        var client = hub.Room();
        client.SendBinary();
        client.Clear();

        client.SendBinary();

        Assert.That(client.SingleErrorCode(), Is.EqualTo("rate-limited"));
    }

    [Test]
    public void OnText_SignalOverTheLimit_RussianRateLimitedWithSession()
    {
        using var hub = new HubHarness(new DaemonOptions { RateLimitPerSecond = 1, RateLimitBurst = 1 });
        var caller = hub.Session(Id, "caller");

        caller.Send(new { type = "offer", room = Id, sdp = "v=0" });

        Assert.That(caller.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"rate-limited\",\"message\":\"Слишком много сообщений\"}"));
    }

    [Test]
    public void OnShutdown_RoomEndpoint_ShuttingDown()
    {
        using var hub = new HubHarness();
        var alice = hub.Homecall("garden", "alice");

        alice.Session.OnShutdown();

        Assert.That(alice.SingleText(), Is.EqualTo("{\"type\":\"error\",\"code\":\"shutting-down\",\"message\":\"Server is shutting down\"}"));
    }

    [Test]
    public void OnShutdown_SignalInSession_RussianWithSession()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");

        caller.Session.OnShutdown();

        Assert.That(caller.SingleText(), Is.EqualTo("{\"type\":\"error\",\"room\":\"" + Id + "\",\"code\":\"shutting-down\",\"message\":\"Сервер останавливается\"}"));
    }

    [Test]
    public void OnShutdown_SignalAfterLeave_NullRoom()
    {
        using var hub = new HubHarness();
        var caller = hub.Session(Id, "caller");
        caller.Send(new { type = "leave", room = Id });

        caller.Session.OnShutdown();

        Assert.That(JsonShape.Str(caller.Single(), "room"), Is.Null);
        Assert.That(caller.SingleErrorCode(), Is.EqualTo("shutting-down"));
    }
}
