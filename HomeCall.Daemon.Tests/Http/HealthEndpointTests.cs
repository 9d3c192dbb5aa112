using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Http;

public sealed class HealthEndpointTests
{
    private const string Token = "s3cret-admin-token";

    [Test]
    public async Task Health_WithoutToken_ReportsCountsButNoRoomDetails()
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = Token });
        await using var alice = await WsClient.ConnectAsync(server.Ws("/?roomId=r1&userId=alice&userName=Alice"));
        await alice.ReceiveTypeAsync("participants");

        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Http("/health"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(body.GetProperty("rooms").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("connections").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("uptimeSeconds").GetInt64(), Is.GreaterThanOrEqualTo(0));
        Assert.That(body.GetProperty("version").GetString(), Is.Not.Empty);
        Assert.That(DateTimeOffset.TryParse(body.GetProperty("timestamp").GetString(), out _), Is.True);
        Assert.That(body.TryGetProperty("roomDetails", out _), Is.False);
    }

    [Test]
    public async Task Health_WithAdminToken_AddsRoomDetailsInSeed003Shape()
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = Token });
        await using var alice = await WsClient.ConnectAsync(server.Ws("/?roomId=r1&userId=alice&userName=Alice%20A"));
        await alice.ReceiveTypeAsync("participants");

        var body = await GetJsonAsync(server.Http("/health"), Token);
        var room = body.GetProperty("roomDetails")[0];

        Assert.That(room.GetProperty("roomId").GetString(), Is.EqualTo("r1"));
        Assert.That(room.GetProperty("dialect").GetString(), Is.EqualTo("mesh"));
        Assert.That(room.GetProperty("participantCount").GetInt32(), Is.EqualTo(1));
        var participant = room.GetProperty("participants")[0];
        Assert.That(participant.GetProperty("id").GetString(), Is.EqualTo("alice"));
        Assert.That(participant.GetProperty("name").GetString(), Is.EqualTo("Alice A"));
        Assert.That(participant.GetProperty("joinedAt").GetInt64(), Is.GreaterThan(1_600_000_000_000));
    }

    [Test]
    public async Task Health_WrongToken_HasNoRoomDetails()
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = Token });

        var body = await GetJsonAsync(server.Http("/health"), "not-the-token");

        Assert.That(body.TryGetProperty("roomDetails", out _), Is.False);
    }

    [Test]
    public async Task Health_NumericRoomWithoutMembers_StillCounted()
    {
        await using var server = TestServer.Start(new DaemonOptions { AdminToken = Token });
        await using (var creator = await WsClient.ConnectAsync(server.Ws("/")))
        {
            await creator.SendAsync(new { type = "create" });
            await creator.ReceiveTypeAsync("room_created");
            await creator.CloseAsync();
        }

        var body = await Poll.UntilAsync(
            () => GetJsonAsync(server.Http("/health"), Token),
            b => b.GetProperty("connections").GetInt32() == 0);

        Assert.That(body.GetProperty("rooms").GetInt32(), Is.EqualTo(1));
        var room = body.GetProperty("roomDetails")[0];
        Assert.That(room.GetProperty("dialect").GetString(), Is.EqualTo("numeric"));
        Assert.That(room.GetProperty("participantCount").GetInt32(), Is.Zero);
    }

    internal static async Task<JsonElement> GetJsonAsync(Uri uri, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
