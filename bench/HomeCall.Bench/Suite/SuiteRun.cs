using System.Globalization;
using System.Text.Json;
using HomeCall.Bench.Load;
using HomeCall.Bench.Stats;

namespace HomeCall.Bench.Suite;

/// <summary>
/// `suite` (what `make bench` runs): every scenario of <see cref="StandardSet"/> against a
/// fresh daemon, Node or Bun process, each measurement in a fresh process of this tool, then the
/// BenchmarkDotNet micro-benchmarks, then docs/benchmarks.md.
/// </summary>
internal sealed class SuiteRun(SuiteSettings settings)
{
    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(30);

    public async Task<string?> RunAsync(CancellationToken ct)
    {
        foreach (var path in new[] { settings.Daemon, settings.Reference, settings.BunReference, settings.Bun })
        {
            if (!File.Exists(path))
            {
                throw new ArgumentException($"{path} not found (make publish; make bench-reference)");
            }
        }

        var machine = MachineInfo.Read(settings.Node, settings.Bun);
        var started = DateTimeOffset.UtcNow;
        var results = new List<Measurement>();
        foreach (var scenario in StandardSet.Plan(settings))
        {
            Console.Error.WriteLine($"== {scenario.Key} on {scenario.Server} (round {scenario.Round})");
            results.Add(await MeasureAsync(scenario, ct).ConfigureAwait(false));
        }

        var bdn = settings.SkipMicro ? null : await BenchmarkDotNetAsync(ct).ConfigureAwait(false);
        var notes = File.Exists(settings.ProfileNotes) ? await File.ReadAllTextAsync(settings.ProfileNotes, ct).ConfigureAwait(false) : null;
        var report = new ReportWriter(machine, settings, started, results, bdn, notes).Render();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Out))!);
        await File.WriteAllTextAsync(settings.Out, report, ct).ConfigureAwait(false);
        Console.Error.WriteLine($"wrote {settings.Out}");
        using var line = new ResultLine("suite");
        return line.Add("out", settings.Out).Add("measurements", results.Count).Finish();
    }

    private async Task<Measurement> MeasureAsync(Scenario scenario, CancellationToken ct)
    {
        var loadBefore = MachineInfo.LoadAverage();
        if (!scenario.NeedsServer)
        {
            var line = await Tool.RunSelfAsync(scenario.Args, ct).ConfigureAwait(false);
            return Record(scenario, "", "HomeCall.Bench " + string.Join(' ', scenario.Args), line, loadBefore);
        }

        var env = StandardSet.EnvironmentOf(scenario.Server).Concat(scenario.ServerEnv).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var (exe, script) = Command(scenario.Server);
        var port = FreePort.Pick();
        using var server = ServerProcess.Start(exe, script, port, env);
        if (!await server.WaitListeningAsync(ListenTimeout, ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"{scenario.Server} did not listen on {port} (log: {server.LogPath})");
        }

        var args = scenario.Args.Concat(["--url", $"ws://127.0.0.1:{port}/", "--server-pid", server.Pid.ToString(CultureInfo.InvariantCulture), "--label", scenario.Server.Label()]).ToArray();
        var result = await Tool.RunSelfAsync(args, ct).ConfigureAwait(false);
        await server.StopAsync().ConfigureAwait(false);
        server.DeleteLog();
        var serverCommand = string.Join(' ', env.Select(kv => $"{kv.Key}={kv.Value}"))
            + (script is null ? $" {exe} --port $PORT" : $" PORT=$PORT {exe} {script}");
        var toolCommand = "HomeCall.Bench " + string.Join(' ', scenario.Args) + " --url ws://127.0.0.1:$PORT/ --server-pid $PID";
        return Record(scenario, serverCommand.Trim(), toolCommand, result, loadBefore);
    }

    /// <summary>The server's executable and script: the published daemon, `node server.js` or `bun server.js`.</summary>
    private (string Exe, string? Script) Command(ServerKind server) => server switch
    {
        ServerKind.Node => (settings.Node, settings.Reference),
        ServerKind.Bun => (settings.Bun, settings.BunReference),
        _ => (settings.Daemon, null),
    };

    private static Measurement Record(Scenario scenario, string serverCommand, string toolCommand, string line, double loadBefore)
    {
        using var doc = JsonDocument.Parse(line);
        return new Measurement(scenario, serverCommand, toolCommand, doc.RootElement.Clone(), loadBefore, MachineInfo.LoadAverage());
    }

    /// <summary>Runs `micro` (BenchmarkDotNet) and returns its GitHub-flavoured results table.</summary>
    private static async Task<string?> BenchmarkDotNetAsync(CancellationToken ct)
    {
        Console.Error.WriteLine("== micro (BenchmarkDotNet)");
        var artifacts = Path.Combine(Path.GetTempPath(), "homecall-bench-bdn");
        await Tool.RunSelfAsync(["micro", "--bdn", "--filter", "*", "--artifacts", artifacts], ct, requireResult: false).ConfigureAwait(false);
        var report = Directory.Exists(artifacts)
            ? Directory.GetFiles(artifacts, "*-report-github.md", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return report is null ? null : await File.ReadAllTextAsync(report, ct).ConfigureAwait(false);
    }
}
