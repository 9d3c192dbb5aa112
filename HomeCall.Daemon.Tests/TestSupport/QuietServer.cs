using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using Serilog;
using Serilog.Events;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The real daemon in-process on 127.0.0.1 port 0 keeping only Warning and above, for
/// long runs where capturing every Information event (as <see cref="TestServer"/> does)
/// would grow the heap that the run measures.
/// </summary>
internal sealed class QuietServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public QuietServer(DaemonOptions options)
    {
        Options = options with { Host = "127.0.0.1", Port = 0 };
        var logger = new LoggerConfiguration().MinimumLevel.Is(LogEventLevel.Warning).WriteTo.Sink(Logs).CreateLogger();
        Host = new DaemonHost(Options, TestFingerprints.Fingerprinter, TimeProvider.System, logger);
        Endpoint = Host.Start();
        _run = Task.Run(() => Host.RunAsync(_stop.Token));
    }

    public DaemonOptions Options { get; }

    public DaemonHost Host { get; }

    public IPEndPoint Endpoint { get; }

    public CapturingSink Logs { get; } = new();

    /// <summary>Rooms of every dialect in the registry, read under its lock.</summary>
    public int RoomCount
    {
        get
        {
            lock (Host.Hub.Registry.Gate)
            {
                return Host.Hub.Registry.Count;
            }
        }
    }

    public Uri Ws(string pathAndQuery = "/") => new($"ws://127.0.0.1:{Endpoint.Port}{pathAndQuery}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        Host.Dispose();
        _stop.Dispose();
    }
}
