using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Http;

/// <summary>GET /ice-servers (docs/protocol.md §1.3) against the real daemon.</summary>
public sealed class IceServersEndpointTests
{
    private const string Site = "https://call.example.org";

    private static readonly DaemonOptions WithIce = new()
    {
        TurnUrls = ["turn:turn.example.org:3478"],
        TurnSecret = "endpoint-secret",
        AllowedOrigins = [Site],
    };

    /// <summary>A plain GET from <paramref name="source"/> (default 127.0.0.1); the whole response as text.</summary>
    private static async Task<string> GetAsync(TestServer server, string? origin = null, IPAddress? source = null, string method = "GET")
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source ?? IPAddress.Loopback, 0));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(server.Endpoint, cts.Token);
        var originHeader = origin is null ? "" : $"Origin: {origin}\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes($"{method} /ice-servers HTTP/1.1\r\nHost: localhost\r\n{originHeader}\r\n"), SocketFlags.None, cts.Token);
        return await RawHttp.ReadToEndAsync(socket, cts.Token);
    }

    private static string Body(string response) => response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

    [Test]
    public async Task Get_NoIceServersConfigured_404()
    {
        await using var server = TestServer.Start();

        var response = await GetAsync(server);

        Assert.That(RawHttp.Status(response), Is.EqualTo(404));
        Assert.That(Body(response), Does.Contain("no ICE servers are configured"));
    }

    [Test]
    public async Task Get_Configured_IceServersJsonNotCachedWithoutCorsHeader()
    {
        await using var server = TestServer.Start(WithIce);

        var response = await GetAsync(server);
        var json = JsonDocument.Parse(Body(response)).RootElement;
        var turn = json.GetProperty("iceServers")[0];

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(response, Does.Contain("\r\nContent-Type: application/json\r\n").And.Contain("\r\nCache-Control: no-store\r\n"));
        Assert.That(response, Does.Not.Contain("Access-Control-Allow-Origin"));
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("ice-servers"));
        Assert.That(turn.GetProperty("credential").GetString(), Is.EqualTo(TurnCredentials.Credential("endpoint-secret", turn.GetProperty("username").GetString()!)));
    }

    [Test]
    public async Task Get_AllowedOrigin_CorsHeaderNamesIt()
    {
        await using var server = TestServer.Start(WithIce);

        var response = await GetAsync(server, Site);

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(response, Does.Contain($"\r\nAccess-Control-Allow-Origin: {Site}\r\n").And.Contain("\r\nVary: Origin\r\n"));
    }

    [Test]
    public async Task Get_OriginNotAllowed_403WithoutCredentials()
    {
        await using var server = TestServer.Start(WithIce);

        var response = await GetAsync(server, "https://evil.example");

        Assert.That(RawHttp.Status(response), Is.EqualTo(403));
        Assert.That(response, Does.Not.Contain("credential").And.Not.Contain("Access-Control-Allow-Origin"));
    }

    [Test]
    public async Task Get_AnyOriginWhenAllowedOriginsEmpty_CorsHeaderNamesIt()
    {
        await using var server = TestServer.Start(WithIce with { AllowedOrigins = [] });

        var response = await GetAsync(server, "https://other.example");

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(response, Does.Contain("\r\nAccess-Control-Allow-Origin: https://other.example\r\n"));
    }

    [Test]
    public async Task Get_OverThePerIpRate_429WithRetryAfterOtherAddressesServed()
    {
        await using var server = TestServer.Start(WithIce, new FakeTimeProvider());
        var client = IPAddress.Parse("127.0.0.2");
        for (var i = 0; i < IceRequestLimiter.MaxPerMinute; i++)
        {
            Assert.That(RawHttp.Status(await GetAsync(server, source: client)), Is.EqualTo(200), $"request {i + 1}");
        }

        var refused = await GetAsync(server, source: client);

        Assert.That(RawHttp.Status(refused), Is.EqualTo(429));
        Assert.That(refused, Does.Contain("\r\nRetry-After: 60\r\n"));
        Assert.That(RawHttp.Status(await GetAsync(server, source: IPAddress.Parse("127.0.0.3"))), Is.EqualTo(200));
    }

    [Test]
    public async Task Post_IceServers_405AllowGetHead()
    {
        await using var server = TestServer.Start(WithIce);

        var response = await GetAsync(server, method: "POST");

        Assert.That(RawHttp.Status(response), Is.EqualTo(405));
        Assert.That(response, Does.Contain("\r\nAllow: GET, HEAD\r\n"));
    }

    [Test]
    public async Task Head_Configured_HeadersOnlyAndNoCredentialCounted()
    {
        await using var server = TestServer.Start(WithIce);

        var response = await GetAsync(server, method: "HEAD");
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(server.Http("/metrics"));

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(Body(response), Is.Empty);
        Assert.That(metrics, Does.Not.Contain("homecall_turn_credentials_issued_total{via=\"http\"} 1"), "no credential left the daemon");
    }

    [Test]
    public async Task Metrics_CredentialsIssuedOverHttpAndWebSocket_CountedByChannel()
    {
        await using var server = TestServer.Start(WithIce);
        await GetAsync(server);
        await using (var alice = await WsClient.ConnectAsync(server.Ws("/ws/")))
        {
            await alice.SendAsync(new { type = "join", room = "garden", user = "alice" });
            await alice.ReceiveTypeAsync("ice-servers");
        }

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(server.Http("/metrics"));

        Assert.That(metrics, Does.Contain("\nhomecall_turn_credentials_issued_total{via=\"http\"} 1\n"));
        Assert.That(metrics, Does.Contain("\nhomecall_turn_credentials_issued_total{via=\"websocket\"} 1\n"));
        Assert.That(metrics, Does.Contain("# TYPE homecall_turn_credentials_issued_total counter\n"));
    }
}
