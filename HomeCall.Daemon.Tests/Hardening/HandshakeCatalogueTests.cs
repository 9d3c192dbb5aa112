using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// docs/protocol.md §2.2 on the wire: each head of <see cref="HandshakeCases"/> sent to the real daemon
/// gets exactly the status listed there; every refusal says `Connection: close` and is followed
/// by the end of the TCP connection; every upgrade carries the RFC 6455 accept key and
/// selects no subprotocol and no extension.
/// </summary>
[NonParallelizable]
public sealed class HandshakeCatalogueTests
{
    private TestServer _server = null!;

    public static IEnumerable<TestCaseData> Cases => HandshakeCases.All.Select(c =>
    {
        var data = new TestCaseData(c).SetName("Handshake_" + c.Name.Replace(' ', '_') + "_" + c.Status);
        return c.KnownBug ? data.SetCategory("KnownBug") : data;
    });

    [OneTimeSetUp]
    public void StartServer() => _server = TestServer.Start(new DaemonOptions { AllowedOrigins = [HandshakeCases.AllowedOrigin] });

    [TearDown]
    public void NoServerErrorsDuringTest() => _server.AssertNoNewErrors();

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCaseSource(nameof(Cases))]
    public async Task Handshake_CatalogueCase_SpecAnswer(HandshakeCase c)
    {
        await using var connection = await RawWsConnection.OpenAsync(_server.Endpoint, head: "", after: c.Request);

        Assert.That(connection.Status, Is.EqualTo(c.Status), connection.ResponseHead);
        if (c.Status == 101)
        {
            Assert.That(connection.ResponseHead, Does.Contain("Sec-WebSocket-Accept: " + Handshake.ComputeAccept(HandshakeCases.Key) + "\r\n"));
            Assert.That(connection.ResponseHead, Does.Not.Contain("Sec-WebSocket-Protocol").And.Not.Contain("Sec-WebSocket-Extensions"));
            return;
        }

        Assert.That(connection.ResponseHead, Does.Contain("\r\nConnection: close\r\n"));
        if (c.RequiredHeader is not null)
        {
            Assert.That(connection.ResponseHead, Does.Contain("\r\n" + c.RequiredHeader + "\r\n"));
        }

        Assert.That(await connection.WaitForEndAsync(TimeSpan.FromSeconds(5)), Is.True, "the server keeps a refused connection open");
    }

    [Test]
    public async Task Handshake_AfterEveryBadHead_DaemonStillUpgrades()
    {
        foreach (var c in HandshakeCases.All.Where(c => c.Status != 101).Take(10))
        {
            await using var bad = await RawWsConnection.OpenAsync(_server.Endpoint, head: "", after: c.Request);
        }

        await using var client = await WsClient.ConnectAsync(_server.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "after-bad-heads", user = "u" });
        Assert.That((await client.ReceiveAsync()).GetProperty("type").GetString(), Is.EqualTo("online"));
    }
}
