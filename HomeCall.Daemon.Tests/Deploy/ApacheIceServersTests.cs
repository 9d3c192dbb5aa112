using System.Net;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>
/// GET /ws/ice-servers through deploy/apache/homecall.conf reaches the daemon's /ice-servers
/// (docs/protocol.md §1.3), and its per-IP rate counts the real clients Apache names, not Apache.
/// </summary>
[NonParallelizable]
public sealed class ApacheIceServersTests
{
    private const string Site = "https://call.example.org";

    private ProxiedDaemon? _stack;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _stack = await ProxiedDaemon.StartAsync(new ApacheServer(), new DaemonOptions
        {
            RequireForwardedTls = true,
            AllowedOrigins = [Site],
            StunUrls = ["stun:turn.example.org:3478"],
            TurnUrls = ["turns:turn.example.org:5349?transport=tcp"],
            TurnSecret = "apache-secret",
        });

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
    public async Task Get_ThroughApacheFromAnAllowedOrigin_IceServersWithCorsAndNoStore()
    {
        using var http = new HttpClient(_stack!.Proxy.CreateHandler(IPAddress.Parse("127.0.0.4")));
        using var request = new HttpRequestMessage(HttpMethod.Get, _stack.Proxy.Https("/ws/ice-servers"));
        request.Headers.Add("Origin", Site);

        using var response = await http.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { Site }));
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("ice-servers"));
        Assert.That(json.GetProperty("iceServers")[1].GetProperty("urls")[0].GetString(), Is.EqualTo("turns:turn.example.org:5349?transport=tcp"));
    }

    [Test]
    public async Task Get_OneClientOverTheRate_OnlyThatClientRefused()
    {
        using var limited = new HttpClient(_stack!.Proxy.CreateHandler(IPAddress.Parse("127.0.0.2")));
        using var other = new HttpClient(_stack.Proxy.CreateHandler(IPAddress.Parse("127.0.0.3")));
        var url = _stack.Proxy.Https("/ws/ice-servers");
        // 31 requests take well under a second through Apache, so they fall in one rate window
        // (a minute) even on a loaded 2-core machine.
        for (var i = 0; i < IceRequestLimiter.MaxPerMinute; i++)
        {
            using var ok = await limited.GetAsync(url);
            Assert.That((int)ok.StatusCode, Is.EqualTo(200), $"request {i + 1}");
        }

        using var refused = await limited.GetAsync(url);
        using var served = await other.GetAsync(url);

        Assert.That((int)refused.StatusCode, Is.EqualTo(429));
        Assert.That((int)served.StatusCode, Is.EqualTo(200), "Apache's other clients are counted apart (X-Forwarded-For from a trusted proxy)");
    }
}
