using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using OsProcess = System.Diagnostics.Process;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The built daemon (homecall.dll next to the test assembly) run as a child process with
/// its own environment, for what needs a process: exit codes, signals, SIGKILL and restart,
/// descriptor limits, log sinks failing. Stdout and stderr are collected line by line. Every
/// wait is bounded, and disposing kills the process if it is still running.
/// </summary>
internal sealed partial class DaemonProcess : IDisposable, IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    /// <summary>How long a start may take to print its Listening line (a cold JIT on a loaded 2-core box takes a few seconds).</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    private readonly OsProcess _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private DaemonProcess(OsProcess process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public IReadOnlyList<string> Stdout => _stdout.ToArray();

    public IReadOnlyList<string> Stderr => _stderr.ToArray();

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Where it listens, once <see cref="WaitForListeningAsync"/> has read its Listening line.</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.None, 0);

    public int Port => Endpoint.Port;

    /// <summary>Everything it printed so far (stdout, then stderr), for assertion messages.</summary>
    public string Output => string.Join('\n', Stdout.Concat(Stderr));

    /// <summary>The built daemon's native launcher (apphost), as a unit's ExecStart names it.</summary>
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "homecall");

    public Uri Ws(string pathAndQuery = "/") => new($"ws://{Endpoint}{pathAndQuery}");

    /// <summary>
    /// Starts `dotnet homecall.dll args` with only <paramref name="environment"/> among the daemon's
    /// settings, and every signal at its default disposition, as a service manager starts it: a test
    /// run started as a script's background job has SIGINT and SIGQUIT ignored, exec keeps SIG_IGN
    /// (signal(7)), and .NET then installs no handler for them, so the daemon would ignore Ctrl-C.
    /// coreutils env(1) --default-signal resets them between the fork and the daemon's exec.
    /// </summary>
    /// <param name="wrapper">A command to run it under, such as ["prlimit", "--nofile=100"] (one that execs, so <see cref="Pid"/> is the daemon's).</param>
    /// <param name="launcher">A command that execs the rest, run before the reset (a test's stand-in for a runner ignoring SIGINT).</param>
    /// <param name="executable">Another daemon binary to run instead of the built homecall.dll (an installed /usr/bin/homecall).</param>
    public static DaemonProcess Start(string[] args, IReadOnlyDictionary<string, string>? environment = null, string[]? wrapper = null, string[]? launcher = null, string? executable = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string[] program = executable is null ? [dotnet, RepoPaths.DaemonDll] : [executable];
        string[] command = [.. launcher ?? [], "env", "--default-signal", .. wrapper ?? [], .. program, .. args];
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var part in command[1..])
        {
            info.ArgumentList.Add(part);
        }

        // Settings (and a service manager's notify variables) the test runner happens to
        // have must not leak into the daemon under test.
        foreach (var key in SettingKeys.All.Concat([SettingKeys.PortFallback, "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]))
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new DaemonProcess(OsProcess.Start(info) ?? throw new InvalidOperationException(command[0] + " did not start"));
    }

    /// <summary>Runs to completion (a one-shot mode or a configuration exit).</summary>
    public static async Task<DaemonProcess> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Start(args, environment);
        await process.WaitForExitAsync();
        return process;
    }

    /// <summary>
    /// Starts the daemon on 127.0.0.1 (port 0 unless a previous run's port is reused) and waits
    /// until it listens; <paramref name="openFiles"/> lowers its descriptor limit with prlimit.
    /// </summary>
    public static async Task<DaemonProcess> StartListeningAsync(IReadOnlyDictionary<string, string>? environment = null, int port = 0, int? openFiles = null)
    {
        string[]? wrapper = openFiles is { } limit ? ["prlimit", string.Create(CultureInfo.InvariantCulture, $"--nofile={limit}:{limit}")] : null;
        var daemon = Start(["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)], environment, wrapper);
        try
        {
            await daemon.WaitForListeningAsync();
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>The exit code; fails the test when it is still running after <paramref name="wait"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"the daemon did not exit within {wait ?? DefaultWait}; stdout:\n" + string.Join('\n', Stdout) + "\nstderr:\n" + string.Join('\n', Stderr));
        }

        return _process.ExitCode;
    }

    /// <summary>The endpoint of the daemon's "Listening on" log line (also kept in <see cref="Endpoint"/>).</summary>
    public async Task<IPEndPoint> WaitForListeningAsync()
    {
        string? line = null;
        await Poll.UntilAsync(
            () => (line = Stdout.FirstOrDefault(l => l.Contains("Listening on ", StringComparison.Ordinal))) is not null || _process.HasExited,
            "the daemon's Listening on line",
            StartWait);
        var match = ListeningLine().Match(line ?? "");
        Assert.That(match.Success, Is.True, "no Listening on line; stdout:\n" + string.Join('\n', Stdout) + "\nstderr:\n" + string.Join('\n', Stderr));
        return Endpoint = IPEndPoint.Parse(match.Groups[1].Value);
    }

    /// <summary>Sends a signal by name (TERM, INT, KILL) the way systemd or Ctrl-C would (kill(1) on our own child's pid).</summary>
    public Task SignalAsync(string signal) => SystemTools.SignalAsync(Pid, signal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(KillWait);
        }

        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(KillWait);
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
    }

    private static void Collect(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"Listening on (\S+)$")]
    private static partial Regex ListeningLine();
}
