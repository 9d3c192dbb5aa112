using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Ice;

/// <summary>
/// The daemon's TURN credentials checked by the real coturn (use-auth-secret with the same
/// static-auth-secret), not only against our own formula: an Allocate with them gets a relay,
/// and coturn refuses (401) expired credentials and ones made with another secret.
/// </summary>
[NonParallelizable]
public sealed class CoturnAcceptanceTests
{
    private const string Secret = "coturn-acceptance-secret";

    private Coturn? _coturn;

    private Coturn Turn => _coturn!;

    [OneTimeSetUp]
    public async Task StartAsync() => _coturn = await Coturn.StartAsync(Secret);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_coturn is not null)
        {
            await _coturn.DisposeAsync();
        }
    }

    /// <summary>The username and credential of the TURN server in an ice-servers message.</summary>
    private static (string Username, string Credential) TurnServer(byte[] message)
    {
        var turn = JsonDocument.Parse(message).RootElement.GetProperty("iceServers").EnumerateArray().Single(s => s.TryGetProperty("username", out _));
        return (turn.GetProperty("username").GetString()!, turn.GetProperty("credential").GetString()!);
    }

    private IceServerSettings Settings(string secret, int ttlSeconds = 86400) =>
        IceServerSettings.From(new DaemonOptions { TurnUrls = [Turn.UdpUrl], TurnSecret = secret, TurnTtlSeconds = ttlSeconds });

    [Test]
    public async Task Allocate_CredentialsFromGetIceServers_CoturnAllocatesARelay()
    {
        await using var server = TestServer.Start(new DaemonOptions { TurnUrls = [Turn.UdpUrl], TurnSecret = Secret });
        using var http = new HttpClient();
        var (username, credential) = TurnServer(await http.GetByteArrayAsync(server.Http("/ice-servers")));

        var result = await TurnClient.AllocateAsync(Turn.Endpoint, username, credential);

        Assert.That(result, Is.EqualTo(TurnClient.Allocated), Turn.Log);
    }

    [Test]
    public async Task Allocate_CredentialsSentAfterAJoin_CoturnAllocatesARelay()
    {
        await using var server = TestServer.Start(new DaemonOptions { TurnUrls = [Turn.UdpUrl], TurnSecret = Secret });
        await using var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await alice.SendAsync(new { type = "join", room = "garden", user = "alice" });
        var ice = await alice.ReceiveTypeAsync("ice-servers");

        var (username, credential) = TurnServer(JsonSerializer.SerializeToUtf8Bytes(ice));
        var result = await TurnClient.AllocateAsync(Turn.Endpoint, username, credential);

        Assert.That(result, Is.EqualTo(TurnClient.Allocated), Turn.Log);
    }

    [Test]
    public async Task Allocate_ExpiredCredentials_CoturnRefuses401()
    {
        // Issued with the shortest TTL (60 s) by a clock two minutes behind: expired a minute ago.
        var issuedAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2);
        var (username, credential) = TurnServer(IceServersMessage.Write(Settings(Secret, ttlSeconds: 60), issuedAt));

        var result = await TurnClient.AllocateAsync(Turn.Endpoint, username, credential);

        Assert.That(result, Is.EqualTo(401));
    }

    [Test]
    public async Task Allocate_ShortTtlStillValid_CoturnAllocates()
    {
        var (username, credential) = TurnServer(IceServersMessage.Write(Settings(Secret, ttlSeconds: 60), DateTimeOffset.UtcNow));

        var result = await TurnClient.AllocateAsync(Turn.Endpoint, username, credential);

        Assert.That(result, Is.EqualTo(TurnClient.Allocated), Turn.Log);
    }

    [Test]
    public async Task Allocate_CredentialsFromAnotherSecret_CoturnRefuses401()
    {
        var (username, credential) = TurnServer(IceServersMessage.Write(Settings("not-coturns-secret"), DateTimeOffset.UtcNow));

        var result = await TurnClient.AllocateAsync(Turn.Endpoint, username, credential);

        Assert.That(result, Is.EqualTo(401));
    }
}
