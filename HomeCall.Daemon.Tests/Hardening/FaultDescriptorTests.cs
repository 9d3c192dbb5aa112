using System.Net.Sockets;
using System.Text;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Running out of file descriptors (EMFILE) on the built binary with a low limit: the
/// daemon keeps serving the connections it has, warns once for the streak instead of
/// spinning, and accepts again as soon as descriptors are freed.
/// </summary>
[NonParallelizable]
public sealed class FaultDescriptorTests
{
    private const int OpenFilesLimit = 120;
    private const int Flood = 150;

    [Test]
    public async Task OutOfDescriptors_ExistingCallsServedWarnedOnceRecovers()
    {
        await using var daemon = await SpawnedDaemon.StartAsync(openFiles: OpenFilesLimit);
        await using var alice = await JoinAsync(daemon, "alice");
        await using var bob = await JoinAsync(daemon, "bob");
        await alice.ReceiveTypeAsync("online");
        var flood = new List<Socket>();
        for (var i = 0; i < Flood; i++)
        {
            var socket = await RawWsConnection.ConnectSocketAsync(daemon.Endpoint); // The kernel's backlog accepts them all.
            await socket.SendAsync(Encoding.ASCII.GetBytes(RawHttp.UpgradeRequest("/ws/")));
            flood.Add(socket);
        }

        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("Accept failed", StringComparison.Ordinal)), "the daemon to run out of descriptors");
        await alice.SendAsync(new { type = "offer", to = "bob", sdp = "during-emfile" });
        Assert.That((await bob.ReceiveTypeAsync("offer")).GetProperty("sdp").GetString(), Is.EqualTo("during-emfile"), "calls in progress go on");

        foreach (var socket in flood)
        {
            socket.Dispose();
        }

        await using var carol = await Poll.UntilAsync(() => TryJoinAsync(daemon, "carol"), c => c is not null, TimeSpan.FromSeconds(30));
        Assert.That(daemon.HasExited, Is.False);
        Assert.That(daemon.Stdout.Count(l => l.Contains("Accept failed", StringComparison.Ordinal)), Is.EqualTo(1), "one warning for the streak");
        Assert.That(daemon.Stdout, Has.None.Contains("[ERR]").And.None.Contains("[FTL]"));
    }

    private static async Task<WsClient> JoinAsync(SpawnedDaemon daemon, string user)
    {
        var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "fd", user });
        await client.ReceiveTypeAsync("online");
        return client;
    }

    /// <summary>A joined client, or null while the daemon is still working through its backlog.</summary>
    private static async Task<WsClient?> TryJoinAsync(SpawnedDaemon daemon, string user)
    {
        try
        {
            return await JoinAsync(daemon, user);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or AssertionException or OperationCanceledException)
        {
            return null;
        }
    }
}
