using Serilog.Events;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// Real calls between separate Chromium contexts ("people") with a fake camera and
/// microphone and a data channel, in each dialect (docs/protocol.md §5–§8).
/// </summary>
[NonParallelizable]
public sealed class BrowserCallTests : ChromiumFixture
{
    private static readonly TimeSpan StepWait = TimeSpan.FromSeconds(10);

    /// <summary>The /signal callee (docs/protocol.md §8.4) follows its link a little after the caller: the queue must carry the offer.</summary>
    private static readonly TimeSpan CalleeOpensLinkAfter = TimeSpan.FromSeconds(2);

    [Test]
    public async Task HomecallCall_TwoPeople_DataBothWaysAndLiveVideo()
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var room = "garden-" + Guid.NewGuid().ToString("N");
        var alice = await scene.OpenPersonAsync("alice");
        var bob = await scene.OpenPersonAsync("bob");

        await alice.StartCallAsync("homecall", scene.Urls.Room.ToString(), room, "bob");
        await bob.StartCallAsync("homecall", scene.Urls.Room.ToString(), room, null);

        await LiveCall.AssertAsync(alice, "bob");
        await LiveCall.AssertAsync(bob, "alice");
    }

    [Test]
    public async Task SessionCall_CalleeOpensLinkTwoSecondsAfterOffer_QueueDeliversAndCallIsLive()
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var session = Guid.NewGuid().ToString();
        var caller = await scene.OpenPersonAsync("caller");

        await caller.StartCallAsync("session", scene.Urls.Signal.ToString(), session, "callee", true);
        await caller.WaitForStepAsync("sent offer", StepWait);
        await Task.Delay(CalleeOpensLinkAfter);
        Assert.That(await QueuedMessagesAsync(scene), Is.GreaterThanOrEqualTo(1), "the offer waits in the session queue");

        var callee = await scene.OpenPersonAsync("callee");
        await callee.StartCallAsync("session", scene.Urls.Signal.ToString(), session, "caller", false);

        await LiveCall.AssertAsync(caller, "callee");
        await LiveCall.AssertAsync(callee, "caller");
        Assert.That(QueuedOnJoin(scene).Max(), Is.GreaterThanOrEqualTo(1), "the callee's join delivered the queued offer");
    }

    [Test]
    public async Task MeshCall_ThreePeople_FullMeshWithDataAndVideo()
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var room = "mesh-" + Guid.NewGuid().ToString("N");
        string[] names = ["ann", "ben", "cat"];
        var people = new List<Person>();
        foreach (var name in names)
        {
            var person = await scene.OpenPersonAsync(name);
            var query = $"roomId={room}&userId={name}&userName={Uri.EscapeDataString(name.ToUpperInvariant() + " Example")}";
            await person.StartCallAsync("mesh", scene.Urls.RoomWithQuery(query).ToString());
            // Joins one after another, as people arrive: the newcomer calls everyone present.
            await person.WaitForStepAsync("received participants", StepWait);
            people.Add(person);
        }

        foreach (var person in people)
        {
            await LiveCall.AssertAsync(person, names.Where(n => n != person.Name).ToArray());
        }
    }

    [Test]
    public async Task NumericCall_CreateJoinSignal_OpaquePayloadsCarryTheCall()
    {
        var scene = Scene = BrowserScene.Start(Chromium);
        var creator = await scene.OpenPersonAsync("creator");
        var joiner = await scene.OpenPersonAsync("joiner");

        await creator.StartCallAsync("numeric", scene.Urls.Room.ToString(), null);
        await creator.WaitForStepAsync("received room_created", StepWait);
        var roomId = await creator.EvaluateAsync("me.roomId");
        Assert.That(roomId, Does.Match("^[1-9][0-9]{3}$"), "room_created carries a 4-digit id");
        await joiner.StartCallAsync("numeric", scene.Urls.Room.ToString(), roomId);

        await LiveCall.AssertAsync(creator, "joiner");
        await LiveCall.AssertAsync(joiner, "creator");
    }

    private static async Task<long> QueuedMessagesAsync(BrowserScene scene)
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(scene.Server.Http("/metrics"));
        var line = metrics.Split('\n').Single(l => l.StartsWith("homecall_queued_messages ", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The {Queued} count of every /signal join the daemon logged (SessionHandler's join event).</summary>
    private static IEnumerable<int> QueuedOnJoin(BrowserScene scene) =>
        scene.Server.Logs.Events
            .Where(e => e.Properties.ContainsKey("Queued"))
            .Select(e => e.Properties["Queued"] is ScalarValue { Value: int n } ? n : 0)
            .DefaultIfEmpty(0);
}
