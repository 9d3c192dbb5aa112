using System.Collections;
using System.Runtime.Versioning;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Manual;

namespace HomeCall.Daemon;

/// <summary>Composition root: command line, settings, logging, the host, exit codes.</summary>
[SupportedOSPlatform("linux")]
internal static partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        InlineSocketCompletions.EnableUnlessSet();
        var request = CommandLine.Parse(args);
        if (request.Errors.Count > 0)
        {
            foreach (var error in request.Errors)
            {
                await Console.Error.WriteLineAsync("homecall: " + error).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync(UsageText.Text).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        switch (request.Mode)
        {
            case CommandMode.Help:
                Console.WriteLine(UsageText.Text);
                return ExitCodes.Ok;
            case CommandMode.Version:
                Console.WriteLine("homecall " + DaemonHost.Version);
                return ExitCodes.Ok;
            case CommandMode.Man:
                return ManualCommand.Run(request.ManPage!, DaemonHost.Version, Console.Out, Console.Error);
        }

        var environment = Environment.GetEnvironmentVariables();
        request = ServiceEnvFile.ForCheckConfig(request, File.Exists);
        var bound = ConfigLoader.Load(request, environment, File.ReadAllBytes);
        if (!await ReportSettingsAsync(request, bound).ConfigureAwait(false))
        {
            return ExitCodes.Config;
        }

        switch (request.Mode)
        {
            case CommandMode.Fingerprint:
                return FingerprintCommand.Run(request, bound.Options, environment, Console.Out, Console.Error);
            case CommandMode.Invite:
                return InviteCommand.Run(request.Invite!, bound.Options, TimeProvider.System, Console.Out, Console.Error);
        }

        // TURN_SECRET_FILE and ROOM_SECRET_FILE: a file that cannot be used stops the start (exit 78) with one line naming it, before anything is bound.
        var secrets = ResolvedSecrets.Read(bound.Options, File.ReadAllBytes, out var secretProblem);
        if (secrets is null)
        {
            await Console.Error.WriteLineAsync("homecall: " + secretProblem).ConfigureAwait(false);
            return ExitCodes.Config;
        }

        if (request.Mode == CommandMode.CheckConfig)
        {
            Console.Write(OptionsPrinter.Render(bound.Options));
            return ExitCodes.Ok;
        }

        var key = await LoadKeyAsync(bound.Options, environment).ConfigureAwait(false);
        var reloads = new ReloadSource(request, environment, bound, File.ReadAllBytes);
        return key is null ? ExitCodes.Config : await RunAsync(bound, key, secrets, environment, reloads).ConfigureAwait(false);
    }

    /// <summary>Notices (on --check-config or with errors) and every invalid setting on stderr; false when there are errors.</summary>
    private static async Task<bool> ReportSettingsAsync(CommandLineRequest request, BindResult bound)
    {
        if (request.Mode == CommandMode.CheckConfig || bound.Errors.Count > 0)
        {
            foreach (var notice in bound.Notices)
            {
                await Console.Error.WriteLineAsync("homecall: note: " + notice).ConfigureAwait(false);
            }
        }

        foreach (var error in bound.Errors)
        {
            await Console.Error.WriteLineAsync("homecall: invalid setting: " + error).ConfigureAwait(false);
        }

        return bound.Errors.Count == 0;
    }

    /// <summary>The install's fingerprint key, created on first start; a key that cannot be used stops the start (exit 78) before anything is bound.</summary>
    private static async Task<FingerprintKey?> LoadKeyAsync(DaemonOptions options, IDictionary environment)
    {
        try
        {
            return FingerprintKeyFile.LoadOrCreate(FingerprintKeyFile.PathFor(options, environment));
        }
        catch (FingerprintKeyException ex)
        {
            await Console.Error.WriteLineAsync("homecall: " + ex.Message).ConfigureAwait(false);
            return null;
        }
    }
}
