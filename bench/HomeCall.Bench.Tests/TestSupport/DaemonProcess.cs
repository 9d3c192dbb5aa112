using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HomeCall.Bench.Tests.TestSupport;

/// <summary>
/// The real daemon as a separate process (as the load tool always meets it), on 127.0.0.1
/// port 0 with the abuse limits raised; the port is read from its "Listening on" log line.
/// </summary>
internal sealed partial class DaemonProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private DaemonProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri Url => new($"ws://127.0.0.1:{Port}/");

    public static async Task<DaemonProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "homecall.dll"), "--host", "127.0.0.1", "--port", "0" })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["RATE_LIMIT_PER_SEC"] = "1000000";
        info.Environment["RATE_LIMIT_BURST"] = "1000000";
        info.Environment["MAX_CONNECTIONS_PER_IP"] = "100000";
        info.Environment["LOG_LEVEL"] = "information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } m)
            {
                port.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new DaemonProcess(process, await port.Task.WaitAsync(StartTimeout));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(StartTimeout);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
