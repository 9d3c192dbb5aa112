using System.Collections.Concurrent;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>
/// The browser calls again, through a real TLS proxy running its deploy/ sample (docs/protocol.md
/// §1): pages at https://host/ws/, signaling over wss:// only, and a daemon set up as
/// docs/deploy.md says (REQUIRE_FORWARDED_TLS=true, so nothing reaches it but the proxy).
/// One subclass per proxy.
/// </summary>
public abstract class BrowserProxyTests : ChromiumFixture
{
    private protected abstract IProxyServer Server { get; }

    [SetUp]
    public async Task StartBehindProxyAsync() =>
        Scene = await BrowserScene.StartBehindProxyAsync(Chromium, Server, new DaemonOptions { RequireForwardedTls = true });

    [Test]
    public async Task HomecallCall_ThroughProxyWss_DataBothWaysAndLiveVideo()
    {
        var scene = Scene!;
        var room = "apache-garden-" + Guid.NewGuid().ToString("N");
        var alice = await scene.OpenPersonAsync("alice");
        var bob = await scene.OpenPersonAsync("bob");
        var sockets = Watch(alice, bob);

        await alice.StartCallAsync("homecall", scene.Urls.Room.ToString(), room, "bob");
        await bob.StartCallAsync("homecall", scene.Urls.Room.ToString(), room, null);

        await LiveCall.AssertAsync(alice, "bob");
        await LiveCall.AssertAsync(bob, "alice");
        Assert.That(sockets, Is.EqualTo(new[] { Wss(scene, "/ws/"), Wss(scene, "/ws/") }), "both signal through the proxy");
    }

    [Test]
    public async Task SessionCall_ThroughProxyWss_DataBothWaysAndLiveVideo()
    {
        var scene = Scene!;
        var session = Guid.NewGuid().ToString();
        var caller = await scene.OpenPersonAsync("caller");
        var callee = await scene.OpenPersonAsync("callee");
        var sockets = Watch(caller, callee);

        await caller.StartCallAsync("session", scene.Urls.Signal.ToString(), session, "callee", true);
        await callee.StartCallAsync("session", scene.Urls.Signal.ToString(), session, "caller", false);

        await LiveCall.AssertAsync(caller, "callee");
        await LiveCall.AssertAsync(callee, "caller");
        Assert.That(sockets, Is.EqualTo(new[] { Wss(scene, "/signal"), Wss(scene, "/signal") }), "both signal through the proxy");
    }

    [Test]
    public async Task SelfTest_PageServedByProxyAtWs_PassesSignalingOverItsOwnWssUrl()
    {
        var scene = Scene!;
        var admin = await scene.OpenAdminAsync();
        var requests = new ConcurrentQueue<string>();
        admin.Page.Request += (_, request) => requests.Enqueue(request.Url);

        await admin.Page.GotoAsync(scene.Urls.SelfTestPage.ToString());
        await admin.RunSelfTestAsync(SelfTestWait);

        Assert.That(await admin.ResultStateAsync(), Is.EqualTo("pass"), await admin.StepsAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(await admin.Page.TextContentAsync("#url"), Is.EqualTo(Wss(scene, "/ws/")), "docs/protocol.md §1.3: the page's own URL, wss:");
            foreach (var step in SelfTestCallSteps)
            {
                Assert.That(await admin.StepStateAsync(step), Is.EqualTo("pass"), step);
            }

            Assert.That(requests, Has.All.StartWith(scene.Urls.SelfTestPage.GetLeftPart(UriPartial.Authority)), "only the proxy's https:// and wss://");
            Assert.That(admin.Console, Is.Empty, "no console errors or CSP violations");
        });
    }

    private static string Wss(BrowserScene scene, string path) => scene.Proxy!.Wss(path).ToString();

    /// <summary>The URL of every WebSocket the people's pages open from now on.</summary>
    private static ConcurrentQueue<string> Watch(params Person[] people)
    {
        var urls = new ConcurrentQueue<string>();
        foreach (var person in people)
        {
            person.Page.WebSocket += (_, socket) => urls.Enqueue(socket.Url);
        }

        return urls;
    }
}
