using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The real daemon in-process on 127.0.0.1 port 0, with logs captured (every event, or from
/// a minimum level for long runs where capturing every Information event would grow the heap
/// the run measures). Disposing it shuts it down and fails the test if the server logged an error.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private bool _stopped;
    private int _checkedEvents;

    private TestServer(DaemonOptions options, TimeProvider time, ILogger? extraLogger, LogEventLevel captureLevel)
    {
        Options = options;
        Logs = new CapturingSink();
        var config = new LoggerConfiguration().MinimumLevel.Is(captureLevel).WriteTo.Sink(Logs);
        if (extraLogger is not null)
        {
            config = config.WriteTo.Logger(extraLogger);
        }

        var logger = config.CreateLogger();
        Host = new DaemonHost(options, TestFingerprints.Fingerprinter, time, logger, TestSecrets.Read(options));
        Endpoint = Host.Start();
        _run = Task.Run(() => Host.RunAsync(_stop.Token));
    }

    public DaemonOptions Options { get; }

    public DaemonHost Host { get; }

    public IPEndPoint Endpoint { get; }

    public CapturingSink Logs { get; }

    /// <summary>Rooms of every dialect in the registry, read under its lock.</summary>
    public int RoomCount => Poll.Registry(this, r => r.Count);

    /// <summary>Fail the test when the server logged Error or above (set false where an error is the point).</summary>
    public bool FailOnServerErrors { get; set; } = true;

    public Uri Ws(string pathAndQuery = "/") => new($"ws://127.0.0.1:{Endpoint.Port}{pathAndQuery}");

    public Uri Http(string path) => new($"http://127.0.0.1:{Endpoint.Port}{path}");

    /// <summary>
    /// Starts a server; <paramref name="extraLogger"/> also receives every event (e.g. the product's file logger);
    /// <paramref name="captureLevel"/> is the lowest level logged and kept in <see cref="Logs"/>.
    /// </summary>
    public static TestServer Start(DaemonOptions? options = null, TimeProvider? time = null, ILogger? extraLogger = null, LogEventLevel captureLevel = LogEventLevel.Verbose) =>
        new((options ?? new DaemonOptions()) with { Host = "127.0.0.1", Port = 0 }, time ?? TimeProvider.System, extraLogger, captureLevel);

    /// <summary>Runs the graceful shutdown (as SIGTERM does) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
        _stop.Dispose();
        if (FailOnServerErrors)
        {
            AssertNoNewErrors();
        }
    }

    /// <summary>
    /// Fails, naming the running test, when the server logged Error or above since the last
    /// check (or its start). A fixture sharing one server calls it in its [TearDown], so an
    /// error fails the test that caused it rather than only the fixture's one-time teardown.
    /// </summary>
    public void AssertNoNewErrors()
    {
        var events = Logs.Events;
        var errors = events.Skip(_checkedEvents).Where(e => e.Level >= LogEventLevel.Error)
            .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + e.Exception).ToArray();
        _checkedEvents = events.Count;
        Assert.That(errors, Is.Empty, "the server logged errors during " + TestContext.CurrentContext.Test.Name);
    }
}
