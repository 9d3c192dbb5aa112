using System.Text.Json;
using HomeCall.Bench.Load;
using HomeCall.Bench.Net;
using HomeCall.Bench.Tests.TestSupport;

namespace HomeCall.Bench.Tests.Load;

/// <summary>The tool's load modes against the real daemon, briefly: they must count what really happened.</summary>
public sealed class LoadRunsTests
{
    /// <summary>A short cap on the wait for the daemon's JIT to go idle: the runs stay brief.</summary>
    private const double JitWaitSeconds = 1;

    /// <summary>How late the warm-up's last 200 ms poll may come back on a loaded 2-core machine (a generous margin).</summary>
    private const double LoadedMachineSlackSeconds = 5;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Relay_EveryDialect_DeliversWithoutLoss()
    {
        using var daemon = await DaemonProcess.StartAsync();
        var settings = new RelaySettings(8, 2, 800, "numeric,homecall,mesh,session", 0.2, JitWaitSeconds, 1, 0, daemon.Pid, "test");

        var result = await RunAsync(daemon, c => new RelayRun(c, settings).RunAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("dialects").GetString(), Is.EqualTo("numeric,homecall,mesh,session"));
            Assert.That(result.GetProperty("delivered").GetInt64(), Is.GreaterThan(0));
            Assert.That(result.GetProperty("sent").GetInt64(), Is.EqualTo(result.GetProperty("received").GetInt64()));
            Assert.That(result.GetProperty("lost").GetInt64(), Is.Zero);
            Assert.That(result.GetProperty("gaps").GetInt64(), Is.Zero);
            Assert.That(result.GetProperty("errors").GetInt64(), Is.Zero, result.GetProperty("firstError").ToString());
            Assert.That(result.GetProperty("server").GetProperty("pid").GetInt32(), Is.EqualTo(daemon.Pid));
            AssertWarmup(result);
        });
    }

    [Test]
    public async Task Idle_RoomsOfFour_AllHeldAndMemoryMeasured()
    {
        using var daemon = await DaemonProcess.StartAsync();
        var settings = new IdleSettings(40, 4, "numeric", 0.2, 0, 8, 0, daemon.Pid, "test");

        var result = await RunAsync(daemon, c => new IdleRun(c, settings).RunAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("established").GetInt32(), Is.EqualTo(40));
            Assert.That(result.GetProperty("openAtEnd").GetInt64(), Is.EqualTo(40));
            Assert.That(result.GetProperty("dropped").GetInt64(), Is.Zero, result.GetProperty("firstDrop").ToString());
            Assert.That(result.GetProperty("serverRssKiB").GetInt64(), Is.GreaterThan(result.GetProperty("serverBaselineRssKiB").GetInt64()));
        });
    }

    [Test]
    public async Task Idle_DotnetServer_ManagedHeapPerConnectionMeasured()
    {
        using var daemon = await DaemonProcess.StartAsync();
        var settings = new IdleSettings(60, 3, "numeric", 0, 0, 8, 0, daemon.Pid, "test");

        var result = await RunAsync(daemon, c => new IdleRun(c, settings).RunAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("openAtEnd").GetInt64(), Is.EqualTo(60));
            // The live heap after a full collection grows with held connections (each holds objects of its own).
            Assert.That(result.GetProperty("serverHeapKiB").GetInt64(), Is.GreaterThan(result.GetProperty("serverHeapBaselineKiB").GetInt64()));
            Assert.That(result.GetProperty("serverHeapBytesPerConnection").GetDouble(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Setup_Numeric_EveryConnectionJoinsAndClosesWithoutFailure()
    {
        using var daemon = await DaemonProcess.StartAsync();
        var settings = new SetupSettings(4, 0.2, JitWaitSeconds, 1, 0, daemon.Pid, "test");

        var result = await RunAsync(daemon, c => new SetupRun(c, settings).RunAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("connections").GetInt64(), Is.GreaterThan(0));
            Assert.That(result.GetProperty("setupMs").GetProperty("count").GetInt64(), Is.EqualTo(result.GetProperty("connections").GetInt64()));
            Assert.That(result.GetProperty("failed").GetInt64(), Is.Zero, result.GetProperty("firstFailure").ToString());
            var server = result.GetProperty("server");
            Assert.That(server.GetProperty("steadyCpuMicrosecondsPerConnection").GetDouble(), Is.LessThanOrEqualTo(server.GetProperty("cpuMicrosecondsPerConnection").GetDouble()));
            Assert.That(server.GetProperty("jitCpuSeconds").GetDouble(), Is.LessThanOrEqualTo(server.GetProperty("cpuSeconds").GetDouble()));
            AssertWarmup(result);
        });
    }

    [Test]
    public async Task Idle_ServerConnectionLimit_StopsAtTheRefusal()
    {
        using var daemon = await DaemonProcess.StartAsync(new Dictionary<string, string> { ["MAX_CONNECTIONS"] = "10" });
        var settings = new IdleSettings(40, 2, "homecall", 0, 0, 1, 0, null, "test");

        var result = await RunAsync(daemon, c => new IdleRun(c, settings).RunAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("established").GetInt32(), Is.EqualTo(10));
            Assert.That(result.GetProperty("firstFailure").GetString(), Does.Contain("503"));
        });
    }

    [Test]
    public async Task Churn_NumericWithDefaultLimits_SessionsCompleteWithoutFailure()
    {
        // Every setting at its default but the room timeout (as the suite's default-limits variant):
        // a session stays under 50 messages/s and 200 connections per IP.
        using var daemon = await DaemonProcess.StartAsync(new Dictionary<string, string>
        {
            ["RATE_LIMIT_PER_SEC"] = "50", ["RATE_LIMIT_BURST"] = "200", ["MAX_CONNECTIONS_PER_IP"] = "200", ["ROOM_TIMEOUT_MS"] = "1000",
        });
        var settings = new ChurnSettings(4, "numeric", 800, 0.2, 0, 1, 0, daemon.Pid, "test");

        var result = await RunAsync(daemon, c => new ChurnRun(c, settings).RunAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("sessions").GetInt64(), Is.GreaterThan(0));
            Assert.That(result.GetProperty("failed").GetInt64(), Is.Zero, result.GetProperty("firstFailure").ToString());
        });
    }

    [Test]
    public async Task Churn_Homecall_SessionsCompleteWithoutFailure()
    {
        using var daemon = await DaemonProcess.StartAsync();
        var settings = new ChurnSettings(4, "homecall", 800, 0.2, 0, 1, 0, daemon.Pid, "test");

        var result = await RunAsync(daemon, c => new ChurnRun(c, settings).RunAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("sessions").GetInt64(), Is.GreaterThan(0));
            Assert.That(result.GetProperty("failed").GetInt64(), Is.Zero, result.GetProperty("firstFailure").ToString());
        });
    }

    /// <summary>The warm-up ran its fixed 0.2 s, then stopped at JIT idle or the 1 s cap (plus a late poll's slack).</summary>
    private static void AssertWarmup(JsonElement result)
    {
        var warmup = result.GetProperty("warmup");
        Assert.That(warmup.GetProperty("until").GetString(), Is.AnyOf("jit-idle", "cap"));
        Assert.That(warmup.GetProperty("seconds").GetDouble(), Is.InRange(0.2, 0.2 + JitWaitSeconds + LoadedMachineSlackSeconds));
        Assert.That(warmup.GetProperty("jitCpuSeconds").GetDouble(), Is.GreaterThanOrEqualTo(0));
    }

    private static async Task<JsonElement> RunAsync(DaemonProcess daemon, Func<WsConnector, Task<string>> run)
    {
        var target = await Target.ResolveAsync(daemon.Url.ToString(), null, insecure: false, allowRemote: false);
        var line = await run(new WsConnector(target)).WaitAsync(RunTimeout);
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }
}
