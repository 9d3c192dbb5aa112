using System.Collections;
using System.Text;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>Precedence: built-in defaults &lt; env file &lt; process environment &lt; command-line flags.</summary>
public sealed class ConfigLoaderTests
{
    private const string EnvFile = "/etc/homecall/homecall.env";

    private static BindResult Load(string[] args, string? file = null, Dictionary<string, string>? environment = null) =>
        Load(args, file is null ? null : Encoding.UTF8.GetBytes(file), environment);

    private static BindResult Load(string[] args, byte[]? file, Dictionary<string, string>? environment = null)
    {
        var request = CommandLine.Parse(file is null ? args : [.. args, "--env-file", EnvFile]);
        Assert.That(request.Errors, Is.Empty);
        var env = new Hashtable();
        foreach (var (key, value) in environment ?? [])
        {
            env[key] = value;
        }

        return ConfigLoader.Load(request, env, path => path == EnvFile ? file! : throw new FileNotFoundException("no such file", path));
    }

    [Test]
    public void Load_EnvFileKeyOneEditFromASetting_NoticedNotAnError()
    {
        var result = Load([], "LOG_LEVLE=debug\nmax_room_users=4\nEDITOR=vi\nWS_PORT=9000\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Notices, Is.EqualTo(new[]
        {
            $"{EnvFile}: LOG_LEVLE is not a setting (did you mean LOG_LEVEL?); it is ignored",
            $"{EnvFile}: max_room_users is not a setting (did you mean MAX_ROOM_USERS?); it is ignored",
        }));
        Assert.That(result.Options.LogLevel, Is.EqualTo(new DaemonOptions().LogLevel), "the misspelled value is not applied");
        Assert.That(result.Options.Port, Is.EqualTo(9000));
    }

    [Test]
    public void Load_MisspelledKeyInProcessEnvironment_NoticedAsEnvironment()
    {
        // Under the unit the env file arrives through EnvironmentFile=, as environment variables.
        var result = Load([], environment: new Dictionary<string, string> { ["LOG_LEVLE"] = "debug", ["EDITOR"] = "vi", ["PATH"] = "/usr/bin" });

        Assert.That(result.Notices, Is.EqualTo(new[] { "environment: LOG_LEVLE is not a setting (did you mean LOG_LEVEL?); it is ignored" }));
        Assert.That(result.Options.LogLevel, Is.EqualTo(new DaemonOptions().LogLevel));
    }

    [Test]
    public void Load_MisspelledKeyInFileAndEnvironment_NoticedOnceForTheFile()
    {
        var result = Load([], "LOG_LEVLE=debug\n", new Dictionary<string, string> { ["LOG_LEVLE"] = "debug" });

        Assert.That(result.Notices, Is.EqualTo(new[] { $"{EnvFile}: LOG_LEVLE is not a setting (did you mean LOG_LEVEL?); it is ignored" }));
    }

    [Test]
    public void Load_ServiceFile_UnitEnvironmentBeneathTheFileAndNamed()
    {
        var request = CommandLine.Parse(["--check-config", "--env-file", EnvFile]) with { AsService = true };
        var file = Encoding.UTF8.GetBytes("TRUSTED_PROXIES=10.0.0.1\n");

        var result = ConfigLoader.Load(request, new Hashtable(), _ => file);

        Assert.That(result.Options.LogDir, Is.EqualTo("/var/log/homecall"), "the unit's Environment=LOG_DIR");
        Assert.That(result.Options.TrustedProxies, Is.EqualTo((string[])["10.0.0.1"]), "EnvironmentFile= overrides Environment=");
        Assert.That(result.Notices, Has.Some.EqualTo("LOG_DIR=/var/log/homecall comes from the systemd unit (Environment=); a LOG_DIR= line in /etc/homecall/homecall.env overrides it"));
        Assert.That(result.Notices, Has.Some.EqualTo("/etc/homecall/homecall.env sets TRUSTED_PROXIES, overriding the unit's Environment=TRUSTED_PROXIES=127.0.0.1,::1"));
        Assert.That(result.Notices[0], Does.StartWith("read /etc/homecall/homecall.env, the service's settings file"));
    }

    [Test]
    public void Load_EnvironmentEchoingTheFile_ReloadReadsTheFileAgain()
    {
        // The unit's EnvironmentFile= put the file's values in the environment at start.
        var environment = new Hashtable { ["ALLOWED_ORIGINS"] = "https://a.example", ["MAX_CONNECTIONS"] = "7" };
        var request = CommandLine.Parse(["--env-file", EnvFile]);
        var content = "ALLOWED_ORIGINS=https://a.example\n";
        var atStart = ConfigLoader.Load(request, environment, _ => Encoding.UTF8.GetBytes(content));
        content = "ALLOWED_ORIGINS=https://b.example\nMAX_CONNECTIONS=9\n";

        var reloaded = new ReloadSource(request, environment, atStart, _ => Encoding.UTF8.GetBytes(content)).Load();

        Assert.That(reloaded.Options.AllowedOrigins, Is.EqualTo((string[])["https://b.example"]), "the file now, not its echo in the environment");
        Assert.That(reloaded.Options.MaxConnections, Is.EqualTo(7), "a variable of the environment's own still outranks the file");
    }

    [Test]
    public void Load_NothingGiven_ReturnsBuiltInDefaults()
    {
        var result = Load([]);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options, Is.EqualTo(new DaemonOptions()).Using<DaemonOptions>(Same));
    }

    [Test]
    public void Load_AllSources_EachOverridesTheOneBelow()
    {
        var file = "WS_PORT=1111\nMAX_ROOM_USERS=5\nLOG_LEVEL=debug\nWS_HOST=0.0.0.0\n";
        var environment = new Dictionary<string, string> { ["WS_PORT"] = "2222", ["MAX_ROOM_USERS"] = "6" };

        var result = Load(["--port", "3333"], file, environment);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options.Port, Is.EqualTo(3333), "flag over environment");
        Assert.That(result.Options.MaxRoomUsers, Is.EqualTo(6), "environment over file");
        Assert.That(result.Options.LogLevel, Is.EqualTo("debug"), "file over default");
        Assert.That(result.Options.Host, Is.EqualTo("0.0.0.0"), "file over default");
        Assert.That(result.Options.MaxMessageBytes, Is.EqualTo(65536), "default where nothing is set");
    }

    [Test]
    public void Load_KeyFileFlag_OverridesEnvironmentAndFile()
    {
        var environment = new Dictionary<string, string> { ["FINGERPRINT_KEY_FILE"] = "/from/environment" };

        var fromEnvironment = Load([], "FINGERPRINT_KEY_FILE=/from/file\n", environment);
        var fromFlag = Load(["--key-file", "/from/flag"], "FINGERPRINT_KEY_FILE=/from/file\n", environment);

        Assert.That(fromEnvironment.Options.FingerprintKeyFile, Is.EqualTo("/from/environment"));
        Assert.That(fromFlag.Options.FingerprintKeyFile, Is.EqualTo("/from/flag"));
    }

    [Test]
    public void Load_HostAndLogLevelFlags_OverrideEnvironment()
    {
        var environment = new Dictionary<string, string> { ["WS_HOST"] = "0.0.0.0", ["LOG_LEVEL"] = "error" };

        var result = Load(["--host", "::1", "--log-level", "warning"], environment: environment);

        Assert.That(result.Options.Host, Is.EqualTo("::1"));
        Assert.That(result.Options.LogLevel, Is.EqualTo("warning"));
    }

    [Test]
    public void Load_UnrelatedEnvironmentVariables_AreIgnored()
    {
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["ws_port"] = "1", ["WS_PORT_X"] = "2" };

        var result = Load([], environment: environment);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options.Port, Is.EqualTo(8080));
    }

    [Test]
    public void Load_PortWithoutWsPort_UsesPort()
    {
        var result = Load([], environment: new Dictionary<string, string> { ["PORT"] = "4444" });

        Assert.That(result.Options.Port, Is.EqualTo(4444));
    }

    [Test]
    public void Load_PortAndWsPort_WsPortWinsAndBadPortIsIgnored()
    {
        var environment = new Dictionary<string, string> { ["PORT"] = "not-a-port", ["WS_PORT"] = "5555" };

        var result = Load([], environment: environment);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options.Port, Is.EqualTo(5555));
    }

    [Test]
    public void Load_WsPortInFileAndPortInEnvironment_WsPortWins()
    {
        var result = Load([], "WS_PORT=6666\n", new Dictionary<string, string> { ["PORT"] = "7777" });

        Assert.That(result.Options.Port, Is.EqualTo(6666));
    }

    [Test]
    public void Load_PortFlagAndPortEnvironment_FlagWins()
    {
        var result = Load(["--port", "0"], environment: new Dictionary<string, string> { ["PORT"] = "7777" });

        Assert.That(result.Options.Port, Is.Zero);
    }

    [Test]
    public void Load_InvalidPortWithoutWsPort_NamesPort()
    {
        var result = Load([], environment: new Dictionary<string, string> { ["PORT"] = "http" });

        Assert.That(result.Errors, Is.EqualTo((string[])["PORT must be a whole number 0-65535 (got 'http')"]));
    }

    [Test]
    public void Load_MissingEnvFile_ReportsItAndStillBindsTheRest()
    {
        var request = CommandLine.Parse(["--env-file", "/nowhere.env", "--port", "abc"]);

        var result = ConfigLoader.Load(request, new Hashtable(), path => throw new FileNotFoundException("no such file", path));

        Assert.That(result.Errors, Has.Count.EqualTo(2));
        Assert.That(result.Errors[0], Does.StartWith("cannot read env file /nowhere.env"));
        Assert.That(result.Errors[1], Does.StartWith("WS_PORT must be"));
    }

    [Test]
    public void Load_EnvFileLineWithoutAssignment_NoticedWithFileAndLineNotAnError()
    {
        // systemd ignores such a line and starts the unit; so does --check-config, saying so.
        var result = Load([], "WS_PORT=1\nnonsense\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Notices, Is.EqualTo((string[])[EnvFile + ": line 2: not a KEY=value assignment, so systemd ignores this line"]));
        Assert.That(result.Options.Port, Is.EqualTo(1));
    }

    [Test]
    public void Load_CommentAfterNumber_RefusedNamingTheValueSystemdPasses()
    {
        // systemd hands the daemon "100 # comment"; accepting 100 here would pass a unit that exits 78.
        var result = Load([], "MAX_CONNECTIONS=100 # comment\n");

        Assert.That(result.Errors, Is.EqualTo((string[])["MAX_CONNECTIONS must be a whole number 1-10000000 (got '100 # comment')"]));
        Assert.That(result.Notices, Is.EqualTo((string[])[
            EnvFile + ": line 1: systemd has no comments after a value: this '#' and what follows are part of the value",
        ]));
    }

    [Test]
    public void Load_BackslashesAndContinuation_ValuesAsSystemdPassesThem()
    {
        var result = Load([], "ADMIN_TOKEN=ab\\cd\nALLOWED_ORIGINS=https://a.example,\\\nhttps://b.example\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options.AdminToken, Is.EqualTo("abcd"));
        Assert.That(result.Options.AllowedOrigins, Is.EqualTo((string[])["https://a.example", "https://b.example"]));
    }

    [Test]
    public void Load_EnvFileNotUtf8_ErrorNamesFileAndLine()
    {
        var result = Load([], [.. "WS_PORT=1\nLOG_DIR=/var/log/caf"u8, 0xE9, .. "\n"u8]);

        Assert.That(result.Errors, Is.EqualTo((string[])[EnvFile + ": line 2: the value of LOG_DIR is not valid UTF-8; systemd refuses the whole file"]));
        Assert.That(result.Options.Port, Is.EqualTo(8080), "systemd sets nothing from a file it refuses");
    }

    private static bool Same(DaemonOptions a, DaemonOptions b) => OptionsPrinter.Render(a) == OptionsPrinter.Render(b);
}
