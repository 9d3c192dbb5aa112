using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Disconnect without leave (docs/protocol.md §3.5), per dialect, both with a clean close frame and
/// with a TCP reset: homecall and mesh tell the room; a numeric room stays joinable;
/// a /signal session survives, queues for the missing participant and hands the queue
/// over when it rejoins.
/// </summary>
public sealed class FaultNoLeaveTests
{
    private const string SessionId = "3c9d6a1e-52b4-4f0e-8d2a-6b1f0e9c7d35";

    [TestCase(false)]
    [TestCase(true)]
    public async Task NoLeave_Homecall_OthersGetOnlineWithout(bool abrupt)
    {
        await using var server = TestServer.Start();
        await using var stay = await JoinAsync(server, "/ws/", """{"type":"join","room":"nl","user":"stay"}""");
        var gone = await JoinAsync(server, "/ws/", """{"type":"join","room":"nl","user":"gone"}""");
        await stay.ReceiveTypeAsync("online");

        await EndAsync(gone, abrupt);

        var online = await stay.ReceiveTypeAsync("online");
        Assert.That(online.GetProperty("users").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "stay" }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task NoLeave_Mesh_OthersGetParticipantLeft(bool abrupt)
    {
        await using var server = TestServer.Start();
        await using var stay = await WsClient.ConnectAsync(server.Ws("/?roomId=nl&userId=stay&userName=S"));
        await stay.ReceiveTypeAsync("participants");
        var gone = await RawWsConnection.UpgradeAsync(server.Endpoint, "/?roomId=nl&userId=gone&userName=G");
        await stay.ReceiveTypeAsync("participant-joined");

        await EndAsync(gone, abrupt);

        var left = await stay.ReceiveTypeAsync("participant-left");
        Assert.That(left.GetProperty("userId").GetString(), Is.EqualTo("gone"));
        Assert.That(left.GetProperty("roomId").GetString(), Is.EqualTo("nl"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task NoLeave_NumericCreatorGone_RoomStillJoinable(bool abrupt)
    {
        await using var server = TestServer.Start();
        var creator = await RawWsConnection.UpgradeAsync(server.Endpoint, "/");
        await creator.SendTextAsync("""{"type":"create"}""");
        var roomId = (await creator.ReadJsonAsync()).GetProperty("roomId").GetString();

        await EndAsync(creator, abrupt);
        await Poll.UntilAsync(() => server.Host.Connections == 0, "0 open connections");
        await using var late = await WsClient.ConnectAsync(server.Ws("/"));
        await late.SendTextAsync($$"""{"type":"join","roomId":"{{roomId}}"}""");

        var joined = await late.ReceiveAsync();
        Assert.That(joined.GetProperty("type").GetString(), Is.EqualTo("room_joined"));
        Assert.That(joined.GetProperty("roomId").GetString(), Is.EqualTo(roomId));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task NoLeave_SessionCallerGone_QueuedForItAndDeliveredOnRejoin(bool abrupt)
    {
        await using var server = TestServer.Start();
        var caller = await RawWsConnection.UpgradeAsync(server.Endpoint, "/signal");
        await caller.SendTextAsync($$"""{"type":"join","room":"{{SessionId}}","user":"caller"}""");
        await using var callee = await JoinAsync(server, "/signal", $$"""{"type":"join","room":"{{SessionId}}","user":"callee"}""");

        await EndAsync(caller, abrupt);
        await Poll.UntilAsync(() => server.Host.Connections == 1, "1 open connection");
        await callee.SendTextAsync($$"""{"type":"answer","room":"{{SessionId}}","sdp":"queued-1"}""");
        await callee.SendTextAsync($$"""{"type":"candidate","room":"{{SessionId}}","candidate":null}""");
        await using var back = await JoinAsync(server, "/signal", $$"""{"type":"join","room":"{{SessionId}}","user":"caller"}""");

        var first = await back.ReceiveAsync();
        var second = await back.ReceiveAsync();
        Assert.That(first.GetProperty("sdp").GetString(), Is.EqualTo("queued-1"));
        Assert.That(first.GetProperty("from").GetString(), Is.EqualTo("callee"));
        Assert.That(second.GetProperty("type").GetString(), Is.EqualTo("candidate"));
    }

    private static async Task<WsClient> JoinAsync(TestServer server, string path, string join)
    {
        var client = await WsClient.ConnectAsync(server.Ws(path));
        await client.SendTextAsync(join);
        if (!path.StartsWith("/signal", StringComparison.Ordinal))
        {
            await client.ReceiveAsync();
        }

        return client;
    }

    /// <summary>Ends a connection without `leave`: a clean close handshake, or an abort without a close frame.</summary>
    private static async Task EndAsync(WsClient client, bool abrupt)
    {
        if (abrupt)
        {
            client.Socket.Abort();
        }
        else
        {
            await client.CloseAsync();
        }

        await client.DisposeAsync();
    }

    /// <summary>Ends a raw connection without `leave`: a clean close handshake, or a TCP reset.</summary>
    private static async Task EndAsync(RawWsConnection raw, bool abrupt)
    {
        if (abrupt)
        {
            raw.Reset();
            return;
        }

        await raw.SendAsync(WireFrame.CloseFrame(1000));
        await raw.ReadCloseStatusAsync();
        await raw.DisposeAsync();
    }
}
