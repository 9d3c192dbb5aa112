using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// A call in each dialect through a real TLS proxy running its deploy/ sample, in front of
/// a daemon configured as docs/deploy.md says (REQUIRE_FORWARDED_TLS=true); what the sample
/// serves besides (health, redirect) and refuses. One subclass per proxy.
/// </summary>
public abstract class ProxyCallTests
{
    private ProxiedDaemon? _stack;

    private protected abstract IProxyServer Server { get; }

    private protected ReverseProxy Proxy => _stack!.Proxy;

    private TestServer Daemon => _stack!.Daemon;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _stack = await ProxiedDaemon.StartAsync(Server, new DaemonOptions { RequireForwardedTls = true });

    [TearDown]
    public void NoServerErrorsDuringTest() => _stack?.Daemon.AssertNoNewErrors();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    [Test]
    public async Task Homecall_OverWssWs_OfferRelayedWithStampedFrom()
    {
        await using var alice = await WsClient.ConnectAsync(Proxy, "/ws/");
        await using var bob = await WsClient.ConnectAsync(Proxy, "/ws/");
        await alice.SendAsync(new { type = "join", room = "proxy-garden", user = "alice" });
        await alice.ReceiveTypeAsync("online");
        await bob.SendAsync(new { type = "join", room = "proxy-garden", user = "bob" });
        await bob.ReceiveTypeAsync("online");

        await alice.SendAsync(new { type = "offer", to = "bob", sdp = "v=0" });
        var offer = await bob.ReceiveTypeAsync("offer");

        Assert.That(offer.GetProperty("from").GetString(), Is.EqualTo("alice"));
        Assert.That(offer.GetProperty("sdp").GetString(), Is.EqualTo("v=0"));
    }

    [Test]
    public async Task Mesh_OverWssWithQuery_OfferRelayedInSeedShape()
    {
        await using var ann = await WsClient.ConnectAsync(Proxy, "/ws/?roomId=proxy-mesh&userId=ann&userName=Ann");
        await ann.ReceiveTypeAsync("participants");
        await using var ben = await WsClient.ConnectAsync(Proxy, "/ws/?roomId=proxy-mesh&userId=ben&userName=Ben");
        await ben.ReceiveTypeAsync("participants");
        await ann.ReceiveTypeAsync("participant-joined");

        await ben.SendAsync(new { type = "offer", targetUserId = "ann", sdp = "v=0" });
        var offer = await ann.ReceiveTypeAsync("offer");

        Assert.That(offer.GetProperty("fromUserId").GetString(), Is.EqualTo("ben"));
    }

    [Test]
    public async Task Numeric_OverWss_SignalRelayedToTheOtherMember()
    {
        await using var creator = await WsClient.ConnectAsync(Proxy, "/ws/");
        await using var joiner = await WsClient.ConnectAsync(Proxy, "/ws/");
        await creator.SendAsync(new { type = "create" });
        var created = await creator.ReceiveTypeAsync("room_created");
        await joiner.SendAsync(new { type = "join", roomId = created.GetProperty("roomId").GetString() });
        await joiner.ReceiveTypeAsync("room_joined");

        await creator.SendAsync(new { type = "signal", payload = new { kind = "offer" } });
        var signal = await joiner.ReceiveTypeAsync("signal");

        Assert.That(signal.GetProperty("senderId").GetString(), Is.EqualTo(created.GetProperty("myId").GetString()));
        Assert.That(signal.GetProperty("payload").GetProperty("kind").GetString(), Is.EqualTo("offer"));
    }

    [Test]
    public async Task Session_OverWssSignal_OfferRelayedToTheOtherParticipant()
    {
        var room = Guid.NewGuid().ToString();
        await using var caller = await WsClient.ConnectAsync(Proxy, "/signal");
        await using var callee = await WsClient.ConnectAsync(Proxy, "/signal");
        await caller.SendAsync(new { type = "join", room, user = "caller" });
        await callee.SendAsync(new { type = "join", room, user = "callee" });

        await caller.SendAsync(new { type = "offer", room, sdp = "v=0" });
        var offer = await callee.ReceiveTypeAsync("offer");

        Assert.That(offer.GetProperty("from").GetString(), Is.EqualTo("caller"));
        Assert.That(offer.GetProperty("room").GetString(), Is.EqualTo(room));
    }

    [Test]
    public async Task RequireForwardedTls_DirectWsToDaemon_403WhileProxiedWorks()
    {
        var direct = await RawHttp.SendAsync(Daemon.Endpoint, RawHttp.UpgradeRequest("/ws/"));

        Assert.That(RawHttp.Status(direct), Is.EqualTo(403), direct);
        Assert.That(await WsClient.UpgradeStatusAsync(Proxy, "/ws/"), Is.EqualTo(101));
        Assert.That(await WsClient.UpgradeStatusAsync(Proxy, "/signal"), Is.EqualTo(101));
    }

    [Test]
    public async Task OpsEndpoints_ThroughProxy_HealthServedRoomsAndMetricsDenied()
    {
        using var http = Proxy.CreateHttpClient();

        Assert.That((int)(await http.GetAsync(Proxy.Https("/ws/health"))).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await http.GetAsync(Proxy.Https("/ws/rooms"))).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await http.GetAsync(Proxy.Https("/ws/metrics"))).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await http.GetAsync(Proxy.Https("/ws//Metrics?x=1"))).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await http.GetAsync(Proxy.Https("/ws/%72ooms"))).StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task WsWithoutSlash_PlainGet_PermanentRedirectToWsSlash()
    {
        using var handler = Proxy.CreateHandler();
        handler.AllowAutoRedirect = false;
        using var http = new HttpClient(handler);
        var request = Proxy.Https("/ws");

        using var response = await http.GetAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(301));
        Assert.That(new Uri(request, response.Headers.Location!), Is.EqualTo(Proxy.Https("/ws/")));
    }

    [Test]
    public async Task WsWithoutSlash_BrowserFollowsTheRedirect_SelfTestPage()
    {
        using var http = Proxy.CreateHttpClient();

        using var response = await http.GetAsync(Proxy.Https("/ws"));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.RequestMessage!.RequestUri, Is.EqualTo(Proxy.Https("/ws/")));
    }
}
