using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Starts the daemon the way an installed unit file says, standing in for `systemctl start`
/// because these machines have no systemd as PID 1: the [Service] section's Environment= and
/// EnvironmentFile= (the file's values win, read with the daemon's own systemd-exact parser),
/// RuntimeDirectory= and StateDirectory= created under /run and /var/lib owned by User= with
/// their modes (and RUNTIME_DIRECTORY / STATE_DIRECTORY set), every ExecStartPre=+ run as root,
/// then ExecStart= as User=/Group= without supplementary groups (setpriv(1)), inside a user
/// namespace that maps only that user and group when PrivateUsers=yes (unshare(1)). The rest
/// of the sandbox (ProtectSystem= and the like) is systemd's alone and not reproduced. Stopping
/// sends SIGTERM and removes the runtime directory, as systemd does. Needs root.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class InstalledUnit : IAsyncDisposable
{
    private const string RuntimeRoot = "/run";
    private const string StateRoot = "/var/lib";

    private readonly ILookup<string, string> _service;
    private DaemonProcess? _daemon;

    private InstalledUnit(ILookup<string, string> service) => _service = service;

    public string User => Single("User");

    public string Group => Single("Group");

    public string RuntimeDirectory => Path.Combine(RuntimeRoot, Single("RuntimeDirectory"));

    public string StateDirectory => Path.Combine(StateRoot, Single("StateDirectory"));

    /// <summary>The running daemon, once <see cref="StartAsync"/> has seen it listen.</summary>
    public DaemonProcess Daemon => _daemon ?? throw new InvalidOperationException("not started");

    /// <summary>The [Service] section of <paramref name="path"/>, key by key (a key may repeat).</summary>
    public static InstalledUnit Read(string path)
    {
        var section = "";
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not ('#' or ';')))
        {
            if (line.StartsWith('['))
            {
                section = line;
            }
            else if (section == "[Service]" && line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                pairs.Add(new(line[..eq], line[(eq + 1)..]));
            }
        }

        return new InstalledUnit(pairs.ToLookup(p => p.Key, p => p.Value));
    }

    /// <summary>What the unit gives ExecStart= as its environment.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in _service["Environment"])
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            environment[assignment[..eq]] = assignment[(eq + 1)..];
        }

        foreach (var file in _service["EnvironmentFile"])
        {
            var parsed = EnvFileParser.Parse(File.ReadAllBytes(file));
            Assert.That(parsed.Errors, Is.Empty, file);
            foreach (var (key, value) in parsed.Values)
            {
                environment[key] = value;
            }
        }

        environment["RUNTIME_DIRECTORY"] = RuntimeDirectory;
        environment["STATE_DIRECTORY"] = StateDirectory;
        return environment;
    }

    /// <summary>Runs the unit's start and waits until the daemon listens.</summary>
    public async Task StartAsync()
    {
        Assert.That(_daemon, Is.Null, "already started");
        var environment = Environment();
        await CreateDirectoryAsync(RuntimeDirectory, Single("RuntimeDirectoryMode"));
        await CreateDirectoryAsync(StateDirectory, Single("StateDirectoryMode"));
        foreach (var pre in _service["ExecStartPre"].Select(UnitCommandLine.Parse))
        {
            Assert.That(pre.AsRoot, Is.True, "only ExecStartPre=+ (unsandboxed) can run without systemd");
            var result = await ProcessRunner.RunAsync(pre.Words[0], pre.Words.Skip(1), environment: environment.ToDictionary());
            Assert.That(result.ExitCode, Is.Zero, "ExecStartPre=" + string.Join(' ', pre.Words) + ": " + result.Output);
        }

        var start = UnitCommandLine.Parse(Single("ExecStart"));
        Assert.That(start.AsRoot, Is.False, "ExecStart= runs as User=");
        string[] asUser = ["setpriv", "--reuid", User, "--regid", Group, "--clear-groups"];
        string[]? privateUsers = _service["PrivateUsers"].LastOrDefault() == "yes" ? ["unshare", "--user", "--map-current-user"] : null;
        _daemon = DaemonProcess.Start([.. start.Words.Skip(1)], environment, privateUsers, asUser, start.Words[0]);
        await _daemon.WaitForListeningAsync();
    }

    /// <summary>systemctl reload: every ExecReload=+ as root, with $MAINPID the daemon's pid, as systemd sets it.</summary>
    public async Task ReloadAsync()
    {
        var environment = Environment().ToDictionary();
        environment["MAINPID"] = Daemon.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var reload in _service["ExecReload"].Select(UnitCommandLine.Parse))
        {
            Assert.That(reload.AsRoot, Is.True, "only ExecReload=+ (unsandboxed) can run without systemd");
            var result = await ProcessRunner.RunAsync(reload.Words[0], reload.Words.Skip(1), environment: environment);
            Assert.That(result.ExitCode, Is.Zero, "ExecReload=" + string.Join(' ', reload.Words) + ": " + result.Output);
        }
    }

    /// <summary>systemctl stop: SIGTERM, the exit, and the runtime directory gone.</summary>
    public async Task<int> StopAsync()
    {
        await Daemon.SignalAsync("TERM");
        var exitCode = await Daemon.WaitForExitAsync();
        RemoveRuntimeDirectory();
        return exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is { } daemon)
        {
            _daemon = null;
            await daemon.DisposeAsync();
        }

        RemoveRuntimeDirectory();
    }

    private void RemoveRuntimeDirectory()
    {
        if (Directory.Exists(RuntimeDirectory))
        {
            Directory.Delete(RuntimeDirectory, recursive: true);
        }
    }

    private string Single(string key)
    {
        var values = _service[key].ToArray();
        Assert.That(values, Has.Length.EqualTo(1), key + "= in the unit");
        return values[0];
    }

    private async Task CreateDirectoryAsync(string path, string mode)
    {
        var result = await ProcessRunner.RunAsync("install", ["-d", "-o", User, "-g", Group, "-m", mode, path]);
        Assert.That(result.ExitCode, Is.Zero, $"install -d -m {mode} {path}: {result.Output}");
    }
}
