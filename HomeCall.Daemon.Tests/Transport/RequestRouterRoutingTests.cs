using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>Routing of plain requests (docs/protocol.md §1.1), header leniency RFC 6455 requires, and REQUIRE_FORWARDED_TLS.</summary>
public sealed class RequestRouterRoutingTests
{
    private static readonly IPAddress Outsider = IPAddress.Parse("198.51.100.20");

    private static RouteDecision Decide(UpgradeRequestBuilder request, DaemonOptions? options = null, IPAddress? peer = null) =>
        new RequestRouter(options ?? new DaemonOptions()).Decide(request.Build(), peer ?? Outsider);

    [TestCase("GET")]
    [TestCase("HEAD")]
    public void Decide_PlainRootWithSelfTestOn_ServesSelfTestPage(string method)
    {
        var decision = Decide(UpgradeRequestBuilder.Plain(method, "/"));

        Assert.That(decision.IsHttpEndpoint, Is.True);
        Assert.That(decision.Endpoint, Is.EqualTo(EndpointKind.SelfTest));
    }

    [Test]
    public void Decide_PlainRootWithSelfTestOff_Returns426WithUpgradeHeader()
    {
        var decision = Decide(UpgradeRequestBuilder.Plain("GET", "/"), new DaemonOptions { SelfTestPage = false });

        Assert.That(decision.Status, Is.EqualTo(426));
        Assert.That(decision.ExtraHeaders, Is.EquivalentTo(new[] { new KeyValuePair<string, string>("Upgrade", "websocket") }));
    }

    [TestCase("/ws")]
    [TestCase("/ws/")]
    [TestCase("/signal")]
    [TestCase("/ws/?roomId=1")]
    public void Decide_PlainGetOfWebSocketPath_Returns426WithUpgradeHeader(string path)
    {
        var decision = Decide(UpgradeRequestBuilder.Plain("GET", path));

        Assert.That(decision.Status, Is.EqualTo(426));
        Assert.That(decision.ExtraHeaders, Is.EquivalentTo(new[] { new KeyValuePair<string, string>("Upgrade", "websocket") }));
    }

    [TestCase("GET", "/health", nameof(EndpointKind.Health))]
    [TestCase("HEAD", "/health", nameof(EndpointKind.Health))]
    [TestCase("GET", "/health?verbose=1", nameof(EndpointKind.Health))]
    [TestCase("GET", "/rooms", nameof(EndpointKind.Rooms))]
    [TestCase("GET", "/metrics", nameof(EndpointKind.Metrics))]
    public void Decide_GetOfHttpEndpoint_RoutesToIt(string method, string path, string endpoint)
    {
        var decision = Decide(UpgradeRequestBuilder.Plain(method, path));

        Assert.That(decision.IsHttpEndpoint, Is.True);
        Assert.That(decision.Endpoint, Is.EqualTo(Enum.Parse<EndpointKind>(endpoint)));
    }

    [Test]
    public void Decide_HeaderNamesAndValuesInOtherCase_Upgrades()
    {
        var request = UpgradeRequestBuilder.Plain("GET", "/ws/")
            .Without("Host")
            .With("HOST", "localhost")
            .With("upgrade", "WebSocket")
            .With("CONNECTION", "UPGRADE")
            .With("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
            .With("SEC-WEBSOCKET-VERSION", "13");

        Assert.That(Decide(request).IsUpgrade, Is.True);
    }

    [TestCase("keep-alive, Upgrade")]
    [TestCase("Upgrade, keep-alive")]
    [TestCase("keep-alive,upgrade")]
    public void Decide_ConnectionListContainingUpgrade_Upgrades(string connection)
    {
        Assert.That(Decide(UpgradeRequestBuilder.Upgrade().Replace("Connection", connection)).IsUpgrade, Is.True);
    }

    [Test]
    public void Decide_UpgradeTokenInSecondConnectionHeader_Upgrades()
    {
        var request = UpgradeRequestBuilder.Upgrade().Replace("Connection", "keep-alive").With("Connection", "Upgrade");

        Assert.That(Decide(request).IsUpgrade, Is.True);
    }

    [TestCase("198.51.100.20", "https", TestName = "Decide_RequireTlsFromUntrustedPeerClaimingHttps_Returns403")]
    [TestCase("127.0.0.1", null, TestName = "Decide_RequireTlsFromTrustedProxyWithoutProto_Returns403")]
    [TestCase("127.0.0.1", "http", TestName = "Decide_RequireTlsFromTrustedProxyWithHttp_Returns403")]
    [TestCase("::ffff:198.51.100.20", "https", TestName = "Decide_RequireTlsFromMappedUntrustedPeer_Returns403")]
    public void Decide_RequireForwardedTlsNotMet_Returns403(string peer, string? proto)
    {
        var request = UpgradeRequestBuilder.Upgrade();
        if (proto is not null)
        {
            request.With("X-Forwarded-Proto", proto);
        }

        var decision = Decide(request, new DaemonOptions { RequireForwardedTls = true }, IPAddress.Parse(peer));

        Assert.That(decision.Status, Is.EqualTo(403));
    }

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [TestCase("::ffff:127.0.0.1")]
    public void Decide_RequireForwardedTlsFromTrustedProxyWithHttps_Upgrades(string peer)
    {
        var request = UpgradeRequestBuilder.Upgrade().With("X-Forwarded-Proto", "https").With("X-Forwarded-For", "192.0.2.1");

        var decision = Decide(request, new DaemonOptions { RequireForwardedTls = true, TrustedProxies = ["127.0.0.1", "::1"] }, IPAddress.Parse(peer));

        Assert.That(decision.IsUpgrade, Is.True, decision.Reason);
        Assert.That(decision.ClientIp, Is.EqualTo(IPAddress.Parse("192.0.2.1")));
    }

    [Test]
    public void Decide_RequireForwardedTlsOff_UpgradesPlainDirectClient()
    {
        Assert.That(Decide(UpgradeRequestBuilder.Upgrade()).IsUpgrade, Is.True);
    }
}
