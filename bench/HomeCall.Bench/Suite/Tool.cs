using System.Diagnostics;

namespace HomeCall.Bench.Suite;

/// <summary>Runs a command to completion: this tool's own modes (a fresh process per measurement), or `node --version`.</summary>
internal static class Tool
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(15);

    /// <summary>This tool as a command line: the apphost, or `dotnet HomeCall.Bench.dll`.</summary>
    public static IReadOnlyList<string> Self()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? [path, typeof(Tool).Assembly.Location] : [path];
    }

    /// <summary>
    /// Runs this tool's <paramref name="args"/>; its progress passes through to stderr. With
    /// <paramref name="requireResult"/> the last stdout line is the result; without, stdout
    /// (BenchmarkDotNet's log) is forwarded to stderr too.
    /// </summary>
    public static async Task<string> RunSelfAsync(IReadOnlyList<string> args, CancellationToken ct, bool requireResult = true)
    {
        var self = Self();
        var info = new ProcessStartInfo(self[0]) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in self.Skip(1).Concat(args))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + self[0]);
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (string.IsNullOrEmpty(e.Data))
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (!requireResult)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        lock (lines)
        {
            if (process.ExitCode != 0 || (requireResult && lines.Count == 0))
            {
                throw new InvalidOperationException($"HomeCall.Bench {string.Join(' ', args)} exited with {process.ExitCode}");
            }

            return lines.Count == 0 ? "" : lines[^1];
        }
    }

    /// <summary>The first line a command prints, or null when it cannot run.</summary>
    public static string? Output(string exe, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text.Split('\n')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
