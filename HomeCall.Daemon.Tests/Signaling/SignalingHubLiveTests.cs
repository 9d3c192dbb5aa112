using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>A reload's live per-IP limits reach the dialects that own the guards (docs/protocol.md §7.3, §8.1).</summary>
public sealed class SignalingHubLiveTests
{
    [Test]
    public void ApplyLive_JoinFailuresPerMinuteLowered_NextGuessBlocked()
    {
        using var hub = new HubHarness();
        var guesser = hub.Room();
        guesser.Send(new { type = "join", roomId = "1000" });
        Assert.That(guesser.SingleErrorCode(), Is.EqualTo("room-not-found"));
        guesser.Clear();

        hub.Hub.ApplyLive(hub.Options with { JoinFailuresPerMinute = 1 });
        guesser.Send(new { type = "join", roomId = "1001" });

        Assert.That(guesser.SingleErrorCode(), Is.EqualTo("too-many-attempts"));
    }

    [Test]
    public void ApplyLive_SessionsPerIpPerMinuteLowered_NextCreationRefused()
    {
        using var hub = new HubHarness();
        hub.Session("6f9619ff-8b86-d011-b42d-00c04fc964ff", "caller");

        hub.Hub.ApplyLive(hub.Options with { SessionsPerIpPerMinute = 1 });
        var second = hub.Signal();
        second.Send(new { type = "join", room = "0b0e7e64-8a47-4c3e-9d4c-6c3b9e5f2a10", user = "caller" });

        Assert.That(second.SingleErrorCode(), Is.EqualTo("too-many-sessions"));
    }
}
