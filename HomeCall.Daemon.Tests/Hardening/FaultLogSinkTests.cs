using System.Globalization;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Log sinks failing under the built binary: LOG_DIR unusable at start (a warning, the
/// console keeps logging), and the disk filling up after start (simulated with
/// /dev/full, and with a tiny tmpfs, which needs root): the daemon keeps serving
/// and says so once on stderr, not once per event.
/// </summary>
[NonParallelizable]
public sealed class FaultLogSinkTests
{
    private const string SinkFailure = "homecall: logging to a sink failed";

    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-sink-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task LogDirUnusableAtStart_WarnsOnceAndServes()
    {
        var file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "");
        await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string> { ["LOG_DIR"] = Path.Combine(file, "logs") });

        await AssertServesAsync(daemon, rounds: 5);

        Assert.That(daemon.Stdout.Count(l => l.Contains("is not writable", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(daemon.Stdout, Has.Some.Contains("Connection opened"), "the console keeps logging");
        await StopAsync(daemon);
    }

    [Test]
    public async Task DiskFullAfterStart_DevFull_ServesAndSaysSoOnce()
    {
        LinkTodaysLogToDevFull();
        await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string> { ["LOG_DIR"] = _dir });
        await AssertServesAsync(daemon, rounds: 20);

        await Poll.UntilAsync(() => daemon.Stderr.Any(l => l.StartsWith(SinkFailure, StringComparison.Ordinal)), "the sink failure on stderr");
        Assert.That(daemon.Stderr.Count(l => l.StartsWith(SinkFailure, StringComparison.Ordinal)), Is.EqualTo(1), "said once, not per event");
    }

    [Test]
    public async Task DiskFullAfterStart_ThenSigterm_Exit0()
    {
        LinkTodaysLogToDevFull();
        await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string> { ["LOG_DIR"] = _dir });
        await AssertServesAsync(daemon, rounds: 1);

        // Shutdown (docs/protocol.md §3.5): flush logs and exit 0 (a sink that cannot flush is not a reason to crash).
        await StopAsync(daemon);
        Assert.That(daemon.Stderr, Has.None.StartsWith("Unhandled exception"));
    }

    [Test]
    public async Task DiskFullAfterStart_TinyTmpfs_ServesAndSaysSoOnce()
    {
        var mount = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", _dir], timeout: TimeSpan.FromSeconds(10));
        // Root can mount (make test and .ci/run run as root); elsewhere this fails rather than skips.
        Assert.That(mount.ExitCode, Is.Zero, "mounting a tmpfs needs root (run the tests as root, as make test in CI does): " + mount.Output);
        try
        {
            await using var daemon = await DaemonProcess.StartListeningAsync(new Dictionary<string, string> { ["LOG_DIR"] = _dir });
            await AssertServesAsync(daemon, rounds: 2);
            Assert.That(Directory.GetFiles(_dir, "homecall-*.log"), Has.Length.EqualTo(1), "logging to the file before the disk fills");

            await FillAsync(Path.Combine(_dir, "filler"));
            await AssertServesAsync(daemon, rounds: 20);

            await Poll.UntilAsync(() => daemon.Stderr.Any(l => l.StartsWith(SinkFailure, StringComparison.Ordinal)), "the sink failure on stderr");
            Assert.That(daemon.Stderr.Count(l => l.StartsWith(SinkFailure, StringComparison.Ordinal)), Is.EqualTo(1));
        }
        finally
        {
            await ProcessRunner.RunAsync("umount", ["-l", _dir], timeout: TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Joins, relays and leaves <paramref name="rounds"/> times (every step logs), checking each answer.</summary>
    private static async Task AssertServesAsync(DaemonProcess daemon, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            await using var a = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
            await using var b = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
            await a.SendAsync(new { type = "join", room = "sink", user = "a" });
            await b.SendAsync(new { type = "join", room = "sink", user = "b" });
            await a.ReceiveTypeAsync("online");
            await b.SendAsync(new { type = "offer", to = "a", sdp = "v=0" });
            Assert.That((await a.ReceiveTypeAsync("offer")).GetProperty("from").GetString(), Is.EqualTo("b"));
            await a.CloseAsync();
            await b.CloseAsync();
        }
    }

    /// <summary>Writes to /dev/full fail with ENOSPC, exactly like a full disk; the directory itself stays writable.</summary>
    private void LinkTodaysLogToDevFull()
    {
        foreach (var day in new[] { DateTime.Now, DateTime.Now.AddDays(1) })
        {
            File.CreateSymbolicLink(Path.Combine(_dir, "homecall-" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".log"), "/dev/full");
        }
    }

    private static async Task FillAsync(string path)
    {
        await using var filler = File.OpenWrite(path);
        var block = new byte[16 * 1024];
        try
        {
            while (true)
            {
                await filler.WriteAsync(block);
                await filler.FlushAsync();
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full.
        }
    }

    private static async Task StopAsync(DaemonProcess daemon)
    {
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.Zero, daemon.Output);
    }
}
