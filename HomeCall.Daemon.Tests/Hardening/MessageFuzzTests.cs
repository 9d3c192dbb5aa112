using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Property tests of the dispatcher (docs/protocol.md §3): random message sequences from four peers
/// (room endpoint ×2, /signal, mesh) never throw out of it; every message the server
/// emits is a message or an error docs/protocol.md describes; whatever is not a JSON object with one
/// string `type` gets exactly `invalid-message` and is relayed to nobody; and once
/// everyone has gone and ROOM_TIMEOUT_MS has passed, the registry is empty.
/// </summary>
public sealed class MessageFuzzTests
{
    public const int Sequences = 1000;
    public const int MaxMessagesPerSequence = 40;

    [FsCheck.NUnit.Property(MaxTest = Sequences)]
    public Property Dispatch_RandomJsonSequences_OnlySpecAnswersAndNoLeftovers() => Run(loneSurrogates: false);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Dispatch_RandomJsonWithLoneSurrogateEscapes_OnlySpecAnswers() => Run(loneSurrogates: true);

    [Test]
    public void Generator_Sampled_ProducesJoinsRelaysAndInvalids()
    {
        using var harness = new HubHarness();
        var peers = DispatchOracle.Peers(harness);
        foreach (var (who, json) in Steps(false).Sample(50, 40).SelectMany(s => s))
        {
            peers[who].SendText(json);
        }

        var metrics = harness.Metrics.MessagesRelayed.ToString() + harness.Metrics.ErrorsSent;
        Assert.That(harness.Logs.Lines, Has.Some.StartsWith("Joined room="), "the generator reaches joins");
        Assert.That(harness.Logs.Lines.Count(l => l.Contains("invalid-message", StringComparison.Ordinal)), Is.GreaterThan(10));
        Assert.That(peers.Sum(p => p.Messages.Count(m => m.GetProperty("type").GetString() is "offer" or "answer" or "candidate" or "signal" or "ice-candidate")), Is.GreaterThan(0), metrics);
    }

    private static Property Run(bool loneSurrogates) =>
        Prop.ForAll(Steps(loneSurrogates).ToArbitrary(), steps =>
        {
            using var harness = new HubHarness();
            var peers = DispatchOracle.Peers(harness);
            var ended = new bool[peers.Length];
            foreach (var (who, json) in steps)
            {
                if (ended[who])
                {
                    continue; // The transport delivers nothing after a close (WebSocketConnection.Dispatch).
                }

                if (DispatchOracle.Step(peers, who, json) is { } problem)
                {
                    return false.Label(problem + " after " + json);
                }

                EndClosed(peers, ended);
            }

            EndClosed(peers, ended, all: true);
            harness.Time.Advance(harness.Options.RoomTimeout + TimeSpan.FromSeconds(2));
            return (harness.RoomCount() == 0).Label("rooms left after everyone went and ROOM_TIMEOUT_MS passed: " + harness.RoomCount());
        });

    /// <summary>A connection the server closed (replaced, room full) ends: the transport then calls OnClosed once.</summary>
    private static void EndClosed(HubClient[] peers, bool[] ended, bool all = false)
    {
        for (var i = 0; i < peers.Length; i++)
        {
            if (!ended[i] && (all || peers[i].Connection.ClosedWith is not null))
            {
                ended[i] = true;
                peers[i].Disconnect();
            }
        }
    }

    private static Gen<(int Who, string Json)[]> Steps(bool loneSurrogates) =>
        Gen.Choose(1, MaxMessagesPerSequence).SelectMany(n =>
            Gen.Zip(Gen.Choose(0, DispatchOracle.PeerCount - 1), JsonGenerators.Message(loneSurrogates)).ArrayOf(n));
}
