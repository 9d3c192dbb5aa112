using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Http;

public sealed class RoomsEndpointTests
{
    private const string Token = "rooms-admin-token";

    [Test]
    public async Task Rooms_WithToken_ListsEveryDialectsRooms()
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = Token });
        await using var homecall = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await homecall.SendAsync(new { type = "join", room = "garden", user = "alice" });
        await homecall.ReceiveTypeAsync("online");
        await using var session = await WsClient.ConnectAsync(server.Ws("/signal"));
        await session.SendAsync(new { type = "join", room = "0F8E0A9C-1B2C-4D3E-8F90-A1B2C3D4E5F6", user = "bob" });
        await session.SendAsync(new { type = "offer", room = "0f8e0a9c-1b2c-4d3e-8f90-a1b2c3d4e5f6", sdp = "v=0" });

        var body = await Poll.UntilAsync(
            () => HealthEndpointTests.GetJsonAsync(server.Http("/rooms"), Token),
            b => b.GetProperty("rooms").GetArrayLength() == 2);
        var rooms = body.GetProperty("rooms").EnumerateArray().ToDictionary(r => r.GetProperty("dialect").GetString()!);

        Assert.That(rooms["homecall"].GetProperty("roomId").GetString(), Is.EqualTo("garden"));
        Assert.That(rooms["homecall"].GetProperty("participants")[0].GetProperty("name").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(rooms["session"].GetProperty("roomId").GetString(), Is.EqualTo("0f8e0a9c-1b2c-4d3e-8f90-a1b2c3d4e5f6"));
        Assert.That(rooms["session"].GetProperty("participantCount").GetInt32(), Is.EqualTo(1));
    }

    [TestCase(null)]
    [TestCase("wrong")]
    public async Task Rooms_WithoutValidToken_Is401(string? token)
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = Token });

        using var response = await SendAsync(server.Http("/rooms"), HttpMethod.Get, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Rooms_NoTokenConfigured_Is401EvenWithEmptyBearer()
    {
        await using var server = TestServer.Start();

        using var response = await SendAsync(server.Http("/rooms"), HttpMethod.Get, "");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("/health")]
    [TestCase("/rooms")]
    [TestCase("/metrics")]
    public async Task OpsEndpoint_PostMethod_Is405WithAllow(string path)
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = Token });

        using var response = await SendAsync(server.Http(path), HttpMethod.Post, Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD" }));
    }

    [Test]
    public async Task Health_Head_HasLengthButNoBody()
    {
        await using var server = TestServer.Start();

        var response = await RawHttp.SendAsync(server.Endpoint, "HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(response, Does.Contain("Content-Length: "));
        Assert.That(response, Does.Contain("Connection: close"));
        Assert.That(response, Does.EndWith("\r\n\r\n"));
    }

    private static async Task<HttpResponseMessage> SendAsync(Uri uri, HttpMethod method, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
