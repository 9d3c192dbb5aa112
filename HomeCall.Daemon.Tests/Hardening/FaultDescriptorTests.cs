using System.Net.Sockets;
using System.Text;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// A connection flood past the descriptor limit on the built binary with a low limit: the
/// daemon stops accepting at its socket budget (before the runtime could fail at EMFILE,
/// which once ended the process with "Out of memory."), keeps serving the calls it has,
/// warns once for the streak, and accepts again as soon as sockets close.
/// </summary>
[NonParallelizable]
public sealed class FaultDescriptorTests
{
    // Budget = limit - descriptors open at start (~70 for the framework-dependent build) - 64 reserved.
    private const int OpenFilesLimit = 220;
    private const int Flood = 150;
    private const int Exchanges = 500;
    private const int Rounds = 5;

    private static readonly Dictionary<string, string> Unlimited = new() { ["RATE_LIMIT_PER_SEC"] = "100000", ["RATE_LIMIT_BURST"] = "100000" };

    [Test]
    public async Task OutOfDescriptors_FiveRounds_ExistingCallsServedWarnedOnceRecovers()
    {
        // The failure is a race inside the runtime; five rounds make a false pass unlikely.
        for (var round = 0; round < Rounds; round++)
        {
            await using var daemon = await DaemonProcess.StartListeningAsync(Unlimited, openFiles: OpenFilesLimit);
            try
            {
                await RunAsync(daemon);
            }
            catch (Exception ex) when (ex is not SuccessException)
            {
                TestContext.Out.WriteLine($"round {round}: daemon exited: {daemon.HasExited}\n{daemon.Output}");
                throw;
            }
        }
    }

    private static async Task RunAsync(DaemonProcess daemon)
    {
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

        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("Not accepting", StringComparison.Ordinal)), "the daemon to reach its socket budget");
        for (var i = 0; i < Exchanges; i++)
        {
            await alice.SendAsync(new { type = "offer", to = "bob", sdp = "during-emfile-" + i });
            Assert.That((await bob.ReceiveTypeAsync("offer")).GetProperty("sdp").GetString(), Is.EqualTo("during-emfile-" + i), "calls in progress go on");
        }

        foreach (var socket in flood)
        {
            socket.Dispose();
        }

        await using var carol = await Poll.UntilAsync(() => TryJoinAsync(daemon, "carol"), c => c is not null, TimeSpan.FromSeconds(30));
        Assert.That(daemon.HasExited, Is.False);
        Assert.That(daemon.Stdout.Count(l => l.Contains("Not accepting", StringComparison.Ordinal)), Is.EqualTo(1), "one warning for the streak");
        Assert.That(daemon.Stdout, Has.None.Contains("Accept failed"), "the descriptor limit itself is never reached");
        Assert.That(daemon.Stdout, Has.None.Contains("[ERR]").And.None.Contains("[FTL]"));
    }

    private static async Task<WsClient> JoinAsync(DaemonProcess daemon, string user)
    {
        var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "fd", user });
        await client.ReceiveTypeAsync("online");
        return client;
    }

    /// <summary>A joined client, or null while the daemon is still working through its backlog.</summary>
    private static async Task<WsClient?> TryJoinAsync(DaemonProcess daemon, string user)
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
