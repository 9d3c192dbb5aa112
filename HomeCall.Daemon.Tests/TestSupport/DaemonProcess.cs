using System.Collections.Concurrent;
using System.Diagnostics;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// The real <c>homecall</c> executable (the build output the tests reference) in its own
/// process, as a service manager runs it: settings from the environment, stopped with a signal.
/// Disposing kills it if a test left it running.
/// </summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DaemonProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    /// <summary>Everything it printed so far (the console log), for assertion messages.</summary>
    public string Output => string.Join('\n', _output);

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "homecall");

    /// <summary>Starts it with a clean notify environment plus <paramref name="environment"/> (loopback, port 0 by default).</summary>
    public static DaemonProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var key in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LOG_DIR" })
        {
            start.Environment.Remove(key);
        }

        start.Environment["WS_HOST"] = "127.0.0.1";
        start.Environment["WS_PORT"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + ExecutablePath);
        var daemon = new DaemonProcess(process);
        process.OutputDataReceived += (_, e) => daemon.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>Waits (bounded) for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException("homecall did not exit in time; output:\n" + Output);
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
