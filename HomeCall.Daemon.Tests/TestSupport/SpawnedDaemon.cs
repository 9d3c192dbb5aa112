using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The built daemon as a real child process (`dotnet homecall.dll`), for faults that need
/// a process: signals, SIGKILL and restart, log sinks failing. It reads the bound port
/// from the "Listening on 127.0.0.1:PORT" line and keeps stdout and stderr apart.
/// </summary>
internal sealed partial class SpawnedDaemon : IAsyncDisposable
{
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SpawnedDaemon(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public int Port { get; private set; }

    public IPEndPoint Endpoint => new(IPAddress.Loopback, Port);

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Stdout => Snapshot(_stdout);

    public IReadOnlyList<string> Stderr => Snapshot(_stderr);

    public string AllOutput => string.Join("\n", Stdout.Concat(Stderr));

    public Uri Ws(string pathAndQuery = "/") => new($"ws://127.0.0.1:{Port}{pathAndQuery}");

    /// <summary>
    /// Starts the daemon on 127.0.0.1 (port 0 unless a previous run's port is reused) and waits
    /// until it listens; <paramref name="openFiles"/> lowers its descriptor limit (prlimit execs
    /// into dotnet, so the process id is the daemon's).
    /// </summary>
    public static async Task<SpawnedDaemon> StartAsync(IDictionary<string, string>? environment = null, int port = 0, int? openFiles = null)
    {
        var info = new ProcessStartInfo(openFiles is null ? "dotnet" : "prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (openFiles is { } limit)
        {
            info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--nofile={limit}:{limit}"));
            info.ArgumentList.Add("dotnet");
        }

        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "homecall.dll"), "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var daemon = new SpawnedDaemon(new Process { StartInfo = info, EnableRaisingEvents = true });
        daemon.Start();
        var started = await Task.WhenAny(daemon._port.Task, daemon._process.WaitForExitAsync(), Task.Delay(StartWait));
        if (started != daemon._port.Task)
        {
            await daemon.DisposeAsync();
            throw new AssertionException("the daemon did not start listening: " + daemon.AllOutput);
        }

        daemon.Port = await daemon._port.Task;
        return daemon;
    }

    /// <summary>Sends a POSIX signal by name (TERM, INT, KILL) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        var result = await ProcessRunner.RunAsync("kill", ["-s", signal, Pid.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(10));
        Assert.That(result.ExitCode, Is.Zero, result.Output);
    }

    /// <summary>The exit code, or null when it is still running after <paramref name="wait"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Start()
    {
        _process.OutputDataReceived += (_, e) => OnLine(_stdout, e.Data, parsePort: true);
        _process.ErrorDataReceived += (_, e) => OnLine(_stderr, e.Data, parsePort: false);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    private void OnLine(List<string> lines, string? line, bool parsePort)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        if (parsePort && ListeningLine().Match(line) is { Success: true } m)
        {
            _port.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    private static string[] Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
