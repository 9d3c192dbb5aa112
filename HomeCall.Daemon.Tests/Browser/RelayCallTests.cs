using System.Text.Json;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// Calls that can only go through TURN: both browsers take the ICE servers the daemon sends after
/// the join (docs/protocol.md §3.8) with iceTransportPolicy "relay", and a real coturn
/// (use-auth-secret, the daemon's TURN_SECRET) relays the media and the data channel.
/// </summary>
[NonParallelizable]
public sealed class RelayCallTests : CoturnChromiumFixture
{
    private BrowserScene StartScene() => Scene = BrowserScene.Start(Chromium, WithTurn());

    private static async Task<Person> OpenRelayOnlyAsync(BrowserScene scene, string name)
    {
        var person = await scene.OpenPersonAsync(name);
        await person.Page.EvaluateAsync("useDaemonIce(true)");
        return person;
    }

    /// <summary>Live call (data both ways, video) whose selected candidate pair is a TURN relay at both ends.</summary>
    private async Task AssertRelayedAsync(Person person, string other)
    {
        await LiveCall.AssertAsync(person, other);
        var pair = await person.Page.EvaluateAsync<JsonElement>("remote => selectedPair(remote)", other);
        Assert.That(pair.ValueKind, Is.EqualTo(JsonValueKind.Object), $"{person.Name} reports a selected candidate pair");
        Assert.That(pair.GetProperty("local").GetString(), Is.EqualTo("relay"), $"{person.Name}'s side of the pair; coturn log: {Turn.Log}");
        Assert.That(pair.GetProperty("remote").GetString(), Is.EqualTo("relay"), $"{person.Name}'s view of {other}'s side");
    }

    [Test]
    public async Task HomecallCall_RelayOnlyThroughCoturn_RelayPairBothSidesAndDataCrosses()
    {
        var scene = StartScene();
        var room = "relay-" + Guid.NewGuid().ToString("N");
        var alice = await OpenRelayOnlyAsync(scene, "alice");
        var bob = await OpenRelayOnlyAsync(scene, "bob");

        await alice.StartCallAsync("homecall", scene.Urls.Room.ToString(), room, "bob");
        await bob.StartCallAsync("homecall", scene.Urls.Room.ToString(), room, null);

        await AssertRelayedAsync(alice, "bob");
        await AssertRelayedAsync(bob, "alice");
    }

    [Test]
    public async Task SessionCall_RelayOnlyThroughCoturn_RelayPairBothSidesAndDataCrosses()
    {
        var scene = StartScene();
        var session = Guid.NewGuid().ToString();
        var caller = await OpenRelayOnlyAsync(scene, "caller");
        var callee = await OpenRelayOnlyAsync(scene, "callee");

        await caller.StartCallAsync("session", scene.Urls.Signal.ToString(), session, "callee", true);
        await callee.StartCallAsync("session", scene.Urls.Signal.ToString(), session, "caller", false);

        await AssertRelayedAsync(caller, "callee");
        await AssertRelayedAsync(callee, "caller");
    }
}
