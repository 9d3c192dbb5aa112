using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using OsProcess = System.Diagnostics.Process;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The built daemon (homecall.dll next to the test assembly) run as a child process with
/// its own environment; stdout and stderr are collected line by line. Every wait is bounded,
/// and disposing kills the process if it is still running.
/// </summary>
internal sealed partial class DaemonProcess : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

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
    }

    public IReadOnlyList<string> Stdout => _stdout.ToArray();

    public IReadOnlyList<string> Stderr => _stderr.ToArray();

    public int Pid => _process.Id;

    /// <summary>Everything it printed so far (stdout, then stderr), for assertion messages.</summary>
    public string Output => string.Join('\n', Stdout.Concat(Stderr));

    /// <summary>The built daemon's native launcher (apphost), as a unit's ExecStart names it.</summary>
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "homecall");

    /// <summary>Starts `dotnet homecall.dll args` with only <paramref name="environment"/> among the daemon's settings.</summary>
    /// <param name="wrapper">A command to run it under, such as ["prlimit", "--nofile=100"].</param>
    public static DaemonProcess Start(string[] args, IReadOnlyDictionary<string, string>? environment = null, string[]? wrapper = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        string[] command = [.. wrapper ?? [], dotnet, RepoPaths.DaemonDll];
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var part in command[1..])
        {
            info.ArgumentList.Add(part);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
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

        return new DaemonProcess(OsProcess.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs to completion and returns the exit code.</summary>
    public static async Task<DaemonProcess> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Start(args, environment);
        await process.WaitForExitAsync();
        return process;
    }

    public int ExitCode => _process.ExitCode;

    public async Task<int> WaitForExitAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException("the daemon did not exit in time; stdout:\n" + string.Join('\n', Stdout) + "\nstderr:\n" + string.Join('\n', Stderr));
        }

        return _process.ExitCode;
    }

    /// <summary>The endpoint of the daemon's "Listening on" log line.</summary>
    public async Task<IPEndPoint> WaitForListeningAsync()
    {
        string? line = null;
        await Poll.UntilAsync(
            () => (line = Stdout.FirstOrDefault(l => l.Contains("Listening on ", StringComparison.Ordinal))) is not null || _process.HasExited,
            "the daemon's Listening on line",
            DefaultWait);
        var match = ListeningLine().Match(line ?? "");
        Assert.That(match.Success, Is.True, "no Listening on line; stdout:\n" + string.Join('\n', Stdout) + "\nstderr:\n" + string.Join('\n', Stderr));
        return IPEndPoint.Parse(match.Groups[1].Value);
    }

    /// <summary>Sends a signal the way systemd or Ctrl-C would (kill(1) on our own child's pid).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = OsProcess.Start("kill", ["-" + signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.That(kill.ExitCode, Is.Zero, "kill -" + signal + " failed");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
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
