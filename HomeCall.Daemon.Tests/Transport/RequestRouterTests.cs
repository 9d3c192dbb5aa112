using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>Refusals of a WebSocket upgrade (docs/protocol.md §2.2), one status each.</summary>
public sealed class RequestRouterTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("203.0.113.7");

    private static RouteDecision Decide(UpgradeRequestBuilder request, DaemonOptions? options = null, IPAddress? peer = null) =>
        new RequestRouter(options ?? new DaemonOptions()).Decide(request.Build(), peer ?? Peer);

    [TestCase("/", nameof(EndpointKind.Room))]
    [TestCase("/ws", nameof(EndpointKind.Room))]
    [TestCase("/ws/", nameof(EndpointKind.Room))]
    [TestCase("/?roomId=r&userId=u&userName=n", nameof(EndpointKind.Room))]
    [TestCase("/signal", nameof(EndpointKind.Signal))]
    [TestCase("/signal?x=1", nameof(EndpointKind.Signal))]
    public void Decide_ValidUpgrade_Returns101ForEndpoint(string target, string endpoint)
    {
        var decision = Decide(UpgradeRequestBuilder.Upgrade(target));

        Assert.That(decision.IsUpgrade, Is.True, decision.Reason);
        Assert.That(decision.Endpoint, Is.EqualTo(Enum.Parse<EndpointKind>(endpoint)));
        Assert.That(decision.ClientIp, Is.EqualTo(Peer));
    }

    private static IEnumerable<TestCaseData> BadRequests()
    {
        var u = UpgradeRequestBuilder.Upgrade;
        yield return new TestCaseData(Text(u().Without("Host"))).SetName("Decide_MissingHost_Returns400");
        yield return new TestCaseData(Text(u().Replace("Host", ""))).SetName("Decide_EmptyHost_Returns400");
        yield return new TestCaseData(Text(u().With("Host", "other"))).SetName("Decide_DuplicatedHost_Returns400");
        yield return new TestCaseData(Text(u().Replace("Upgrade", "h2c"))).SetName("Decide_UpgradeNotWebsocket_Returns400");
        yield return new TestCaseData(Text(u().With("Upgrade", "websocket"))).SetName("Decide_DuplicatedUpgrade_Returns400");
        yield return new TestCaseData(Text(u().Without("Connection"))).SetName("Decide_MissingConnection_Returns400");
        yield return new TestCaseData(Text(u().Replace("Connection", "keep-alive"))).SetName("Decide_ConnectionWithoutUpgradeToken_Returns400");
        yield return new TestCaseData(Text(u().Replace("Connection", "upgraded"))).SetName("Decide_ConnectionTokenOnlyPrefix_Returns400");
        yield return new TestCaseData(Text(u().Without("Sec-WebSocket-Key"))).SetName("Decide_MissingKey_Returns400");
        yield return new TestCaseData(Text(u().Replace("Sec-WebSocket-Key", "not-base64"))).SetName("Decide_MalformedKey_Returns400");
        yield return new TestCaseData(Text(u().Replace("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAAAA"))).SetName("Decide_KeyOf18Bytes_Returns400");
        yield return new TestCaseData(Text(u().With("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA=="))).SetName("Decide_DuplicatedKey_Returns400");
        yield return new TestCaseData(Text(u().With("Sec-WebSocket-Version", "13"))).SetName("Decide_DuplicatedVersion_Returns400");
        yield return new TestCaseData(Text(u().Without("Sec-WebSocket-Version"))).SetName("Decide_MissingVersion_Returns400");
        yield return new TestCaseData(Text(u().With("Content-Length", "5"))).SetName("Decide_ContentLength_Returns400");
        yield return new TestCaseData(Text(u().With("Transfer-Encoding", "chunked"))).SetName("Decide_TransferEncoding_Returns400");
    }

    private static string Text(UpgradeRequestBuilder builder) => builder.Text();

    private static HttpRequestHead Parse(string text) => RequestParser.Parse(System.Text.Encoding.ASCII.GetBytes(text)).Head!;

    [TestCaseSource(nameof(BadRequests))]
    public void Decide_BadUpgradeHeaders_Returns400(string request)
    {
        var decision = new RequestRouter(new DaemonOptions()).Decide(Parse(request), Peer);

        Assert.That(decision.Status, Is.EqualTo(400));
        Assert.That(decision.Reason, Is.Not.Empty);
    }

    [Test]
    public void Decide_ContentLengthZero_Upgrades()
    {
        Assert.That(Decide(UpgradeRequestBuilder.Upgrade().With("Content-Length", "0")).IsUpgrade, Is.True);
    }

    [TestCase("8")]
    [TestCase("14")]
    [TestCase("abc")]
    public void Decide_VersionOtherThan13_Returns426WithVersionHeader(string version)
    {
        var decision = Decide(UpgradeRequestBuilder.Upgrade().Replace("Sec-WebSocket-Version", version));

        Assert.That(decision.Status, Is.EqualTo(426));
        Assert.That(decision.ExtraHeaders, Is.EquivalentTo(new[] { new KeyValuePair<string, string>("Sec-WebSocket-Version", "13") }));
    }

    [TestCase("/wss")]
    [TestCase("/ws/x")]
    [TestCase("/signal/")]
    [TestCase("/index.html")]
    [TestCase("/WS")]
    public void Decide_UnknownPath_Returns404(string path)
    {
        Assert.That(Decide(UpgradeRequestBuilder.Upgrade(path)).Status, Is.EqualTo(404));
    }

    [Test]
    public void Decide_UnknownPathWithPost_Returns404()
    {
        Assert.That(Decide(UpgradeRequestBuilder.Plain("POST", "/nothing")).Status, Is.EqualTo(404));
    }

    [TestCase("POST", "/")]
    [TestCase("PUT", "/ws/")]
    [TestCase("HEAD", "/signal")]
    [TestCase("DELETE", "/ws")]
    public void Decide_WrongMethodOnWebSocketPath_Returns405AllowGet(string method, string path)
    {
        var decision = Decide(UpgradeRequestBuilder.Upgrade(path).Method(method));

        Assert.That(decision.Status, Is.EqualTo(405));
        Assert.That(decision.ExtraHeaders, Is.EquivalentTo(new[] { new KeyValuePair<string, string>("Allow", "GET") }));
    }

    [TestCase("POST", "/health")]
    [TestCase("PUT", "/rooms")]
    [TestCase("DELETE", "/metrics")]
    public void Decide_WrongMethodOnHttpEndpoint_Returns405AllowGetHead(string method, string path)
    {
        var decision = Decide(UpgradeRequestBuilder.Plain(method, path));

        Assert.That(decision.Status, Is.EqualTo(405));
        Assert.That(decision.ExtraHeaders, Is.EquivalentTo(new[] { new KeyValuePair<string, string>("Allow", "GET, HEAD") }));
    }

    [TestCase("https://evil.example")]
    [TestCase("null")]
    [TestCase("https://call.example.evil")]
    [TestCase("http://call.example")]
    public void Decide_ForeignOriginWithAllowList_Returns403(string origin)
    {
        var options = new DaemonOptions { AllowedOrigins = ["https://call.example", "https://other.example/"] };

        Assert.That(Decide(UpgradeRequestBuilder.Upgrade().With("Origin", origin), options).Status, Is.EqualTo(403));
    }

    [TestCase("https://call.example")]
    [TestCase("https://CALL.example")]
    [TestCase("https://other.example")]
    public void Decide_AllowedOrigin_Upgrades(string origin)
    {
        var options = new DaemonOptions { AllowedOrigins = ["https://call.example", "https://other.example/"] };

        Assert.That(Decide(UpgradeRequestBuilder.Upgrade().With("Origin", origin), options).IsUpgrade, Is.True);
    }

    [Test]
    public void Decide_NoOriginHeaderWithAllowList_Upgrades()
    {
        var options = new DaemonOptions { AllowedOrigins = ["https://call.example"] };

        Assert.That(Decide(UpgradeRequestBuilder.Upgrade(), options).IsUpgrade, Is.True);
    }

    [Test]
    public void Decide_AnyOriginWithEmptyAllowList_Upgrades()
    {
        Assert.That(Decide(UpgradeRequestBuilder.Upgrade().With("Origin", "https://anything.example")).IsUpgrade, Is.True);
    }
}
