using HomeCall.Bench.Cli;
using HomeCall.Bench.Load;
using HomeCall.Bench.Micro;
using HomeCall.Bench.Net;
using HomeCall.Bench.Suite;

namespace HomeCall.Bench;

/// <summary>Entry point: `HomeCall.Bench MODE [options]`; exit 0 on a result, 1 on a failed run, 64 on bad usage.</summary>
internal static class Program
{
    private const int ExitFailure = 1;
    private const int ExitUsage = 64;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "insecure", "allow-remote", "quick", "skip-micro" };

    public static async Task<int> Main(string[] argv)
    {
        if (argv.Length == 0 || argv[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage.Text);
            return argv.Length == 0 ? ExitUsage : 0;
        }

        var bdnAt = Array.IndexOf(argv, "--bdn");
        var own = bdnAt < 0 ? argv[1..] : argv[1..bdnAt];
        var bdn = bdnAt < 0 ? [] : argv[(bdnAt + 1)..];
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var args = new CliArgs(own, Flags);
            var result = await RunAsync(argv[0], args, bdn, cancel.Token).ConfigureAwait(false);
            if (args.Unused.Count > 0)
            {
                throw new ArgumentException($"options not used by {argv[0]}: {string.Join(", ", args.Unused)}");
            }

            if (result is not null)
            {
                Console.WriteLine(result);
            }

            return 0;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"HomeCall.Bench: {ex.Message}\n\n{Usage.Text}").ConfigureAwait(false);
            return ExitUsage;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException
            or HandshakeException or OperationCanceledException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"\nHomeCall.Bench {argv[0]} failed: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return ExitFailure;
        }
    }

    private static async Task<string?> RunAsync(string mode, CliArgs a, string[] bdn, CancellationToken ct)
    {
        switch (mode)
        {
            case "relay":
                InlineSocketCompletions.EnableUnlessSet();
                return await new RelayRun(await ConnectorAsync(a).ConfigureAwait(false), Settings.Relay(a)).RunAsync(ct).ConfigureAwait(false);
            case "idle":
                return await new IdleRun(await ConnectorAsync(a).ConfigureAwait(false), Settings.Idle(a)).RunAsync(ct).ConfigureAwait(false);
            case "churn":
                InlineSocketCompletions.EnableUnlessSet();
                return await new ChurnRun(await ConnectorAsync(a).ConfigureAwait(false), Settings.Churn(a)).RunAsync(ct).ConfigureAwait(false);
            case "setup":
                InlineSocketCompletions.EnableUnlessSet();
                return await new SetupRun(await ConnectorAsync(a).ConfigureAwait(false), Settings.Setup(a)).RunAsync(ct).ConfigureAwait(false);
            case "start":
                return await new StartRun(Settings.Start(a)).RunAsync(ct).ConfigureAwait(false);
            case "micro":
                return MicroRun.Run(a.Flag("quick"), bdn);
            case "suite":
                return await new SuiteRun(Settings.Suite(a)).RunAsync(ct).ConfigureAwait(false);
            default:
                throw new ArgumentException($"unknown mode '{mode}'");
        }
    }

    private static async Task<WsConnector> ConnectorAsync(CliArgs a)
    {
        var target = await Target.ResolveAsync(
            a.Text("url") ?? throw new ArgumentException("--url is required"),
            a.Text("signal-url"),
            a.Flag("insecure"),
            a.Flag("allow-remote")).ConfigureAwait(false);
        return new WsConnector(target);
    }
}
