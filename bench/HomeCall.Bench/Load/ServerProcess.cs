using System.Diagnostics;

namespace HomeCall.Bench.Load;

/// <summary>
/// A server the tool starts (the published daemon, or `node server.js`) on a port of its
/// own, with its output drained; stopped with SIGTERM as systemd would, killed if it hangs.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private ServerProcess(Process process, int port, string logPath)
    {
        _process = process;
        Port = port;
        LogPath = logPath;
    }

    public int Pid => _process.Id;

    public int Port { get; }

    /// <summary>Where the server's stdout and stderr go (kept for a failed run's post-mortem).</summary>
    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="exe"/> [script] with PORT and WS_PORT set to <paramref name="port"/> plus
    /// <paramref name="environment"/>. Its stdout and stderr go straight to a file (through
    /// `sh -c 'exec … >>log 2>&1'`, so the pid is the server's): a server pays one write per log line,
    /// as it would into the journal, and no process of this tool spends CPU reading its lines while it is measured.
    /// </summary>
    public static ServerProcess Start(string exe, string? script, int port, IReadOnlyDictionary<string, string> environment)
    {
        var logPath = Path.Combine(Path.GetTempPath(), $"homecall-bench-{Path.GetFileNameWithoutExtension(script ?? exe)}-{port}.log");
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var arg in new[] { "-c", "exec \"$@\" >>\"$0\" 2>&1", logPath, exe })
        {
            info.ArgumentList.Add(arg);
        }

        if (script is not null)
        {
            info.ArgumentList.Add(script);
        }

        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["WS_PORT"] = info.Environment["PORT"];
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        File.WriteAllText(logPath, "");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {exe}");
        return new ServerProcess(process, port, logPath);
    }

    /// <summary>Polls the port every millisecond until the server accepts (or <paramref name="timeout"/> passes).</summary>
    public async Task<bool> WaitListeningAsync(TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout && !_process.HasExited)
        {
            if (await FreePort.IsListeningAsync(Port, ct).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(1, ct).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>SIGTERM, then SIGKILL after <see cref="StopTimeout"/>; returns the time it took to exit.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var started = Stopwatch.GetTimestamp();
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Removes the log after a run that went well (a failed run's log is kept and named in the error).</summary>
    public void DeleteLog()
    {
        if (_process.HasExited)
        {
            File.Delete(LogPath);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
