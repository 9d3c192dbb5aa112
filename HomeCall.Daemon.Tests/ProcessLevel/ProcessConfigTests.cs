using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>The built binary's one-shot modes and configuration exits (no listener involved).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessConfigTests
{
    [Test]
    public async Task Run_SeveralInvalidSettings_Exits78NamingEveryOneOnStderr()
    {
        var env = new Dictionary<string, string> { ["WS_PORT"] = "abc", ["MAX_ROOM_USERS"] = "0", ["ERROR_LANGUAGE"] = "de" };

        using var daemon = await DaemonProcess.RunAsync(["--log-level", "loud"], env);

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        var stderr = string.Join('\n', daemon.Stderr);
        Assert.That(stderr, Does.Contain("WS_PORT must be a whole number 0-65535 (got 'abc')"));
        Assert.That(stderr, Does.Contain("MAX_ROOM_USERS must be a whole number 2-1000 (got '0')"));
        Assert.That(stderr, Does.Contain("ERROR_LANGUAGE"));
        Assert.That(stderr, Does.Contain("LOG_LEVEL"));
        Assert.That(daemon.Stdout, Has.None.Contains("Listening on"), "nothing may be bound with a bad setting");
    }

    [Test]
    public async Task Run_UnreadableEnvFile_Exits78NamingTheFile()
    {
        using var daemon = await DaemonProcess.RunAsync(["--env-file", "/nonexistent/homecall.env"]);

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr, Has.Some.Contains("/nonexistent/homecall.env"));
    }

    [Test]
    public async Task CheckConfig_EnvAndFlags_PrintsEffectiveSettingsWithTokenMaskedAndExits0()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "MAX_ROOM_USERS=5\nWS_PORT=1111\n");
            var env = new Dictionary<string, string> { ["ADMIN_TOKEN"] = "top-secret-token", ["WS_PORT"] = "2222" };

            using var daemon = await DaemonProcess.RunAsync(["--check-config", "--env-file", file, "--host", "::1"], env);

            Assert.That(daemon.ExitCode, Is.Zero);
            Assert.That(daemon.Stdout, Does.Contain("ADMIN_TOKEN=********"));
            Assert.That(daemon.Stdout, Does.Contain("WS_PORT=2222"));
            Assert.That(daemon.Stdout, Does.Contain("WS_HOST=::1"));
            Assert.That(daemon.Stdout, Does.Contain("MAX_ROOM_USERS=5"));
            Assert.That(string.Join('\n', daemon.Stdout) + string.Join('\n', daemon.Stderr), Does.Not.Contain("top-secret"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task EnvFile_MisspelledSetting_NotedByCheckConfigAndWarnedAtStart()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "MAX_CONECTIONS=5\nJAVA_HOME=/opt/java\n");

            using var check = await DaemonProcess.RunAsync(["--check-config", "--env-file", file]);
            Assert.That(check.ExitCode, Is.Zero, "a misspelled key is not an invalid setting");
            Assert.That(check.Stderr, Is.EqualTo(new[] { $"homecall: note: {file}: MAX_CONECTIONS is not a setting (did you mean MAX_CONNECTIONS?); it is ignored" }));
            Assert.That(check.Stdout, Does.Contain("MAX_CONNECTIONS=10000"), "the default stays in force");

            using var daemon = DaemonProcess.Start(["--port", "0", "--env-file", file]);
            await daemon.WaitForListeningAsync();
            Assert.That(daemon.Stdout, Has.One.Contains("[WRN]").And.Contains("did you mean MAX_CONNECTIONS?"));
            Assert.That(daemon.Output, Does.Not.Contain("JAVA_HOME"), "other programs' variables are nobody's typo");
            await daemon.SignalAsync("TERM");
            Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task CheckConfig_CommentAfterValueInEnvFile_Exits78NamingWhatSystemdWouldPass()
    {
        // Under the unit's EnvironmentFile= the daemon gets "100 # comment" and exits 78;
        // --check-config must say so before the service is started.
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "MAX_CONNECTIONS=100 # comment\n");

            using var check = await DaemonProcess.RunAsync(["--check-config", "--env-file", file]);

            Assert.That(check.ExitCode, Is.EqualTo(78));
            Assert.That(check.Stderr, Does.Contain("homecall: invalid setting: MAX_CONNECTIONS must be a whole number 1-10000000 (got '100 # comment')"));
            Assert.That(check.Stderr, Does.Contain($"homecall: note: {file}: line 1: systemd has no comments after a value: this '#' and what follows are part of the value"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task CheckConfig_InvalidSetting_Exits78()
    {
        using var daemon = await DaemonProcess.RunAsync(["--check-config"], new Dictionary<string, string> { ["PING_INTERVAL_MS"] = "1" });

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr, Has.Some.Contains("PING_INTERVAL_MS"));
    }

    [Test]
    public async Task Version_Flag_PrintsVersionAndExits0()
    {
        using var daemon = await DaemonProcess.RunAsync(["--version"]);

        Assert.That(daemon.ExitCode, Is.Zero);
        Assert.That(daemon.Stdout, Is.EqualTo((string[])["homecall " + DaemonHost.Version]));
        Assert.That(DaemonHost.Version, Does.Match(@"^\d+\.\d+\.\d+$"));
    }

    [Test]
    public async Task Help_Flag_PrintsUsageAndExits0()
    {
        using var daemon = await DaemonProcess.RunAsync(["--help"]);

        Assert.That(daemon.ExitCode, Is.Zero);
        Assert.That(daemon.Stdout, Has.Some.Contains("homecall fingerprint ROOM"));
    }

    [Test]
    public async Task Run_UnknownOption_Exits64WithUsageOnStderr()
    {
        using var daemon = await DaemonProcess.RunAsync(["--frobnicate"]);

        Assert.That(daemon.ExitCode, Is.EqualTo(64));
        Assert.That(daemon.Stderr, Has.Some.Contains("unknown option '--frobnicate'"));
        Assert.That(daemon.Stderr, Has.Some.Contains("Usage:"));
    }

    [TestCase("garden", null, "homecall")]
    [TestCase("4821", null, "homecall")]
    [TestCase("garden", "mesh", "mesh")]
    [TestCase("1234", "numeric", "numeric")]
    [TestCase("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "session", "session")]
    [TestCase("3F2504E0-4F89-11D3-9A0C-0305E82C3301", null, "session")]
    public async Task Fingerprint_Room_PrintsFirst8HexOfHmacSha256WithTheKey(string room, string? dialect, string prefix)
    {
        var dir = Directory.CreateTempSubdirectory("homecall-fpkey-");
        try
        {
            var keyFile = Path.Combine(dir.FullName, "fingerprint.key");
            TestFingerprints.WriteKeyFile(keyFile);
            string[] args = dialect is null ? ["fingerprint", room, "--key-file", keyFile] : ["fingerprint", room, "--dialect", dialect, "--key-file", keyFile];

            using var daemon = await DaemonProcess.RunAsync(args);

            // docs/security.md: HMAC-SHA-256(key, "dialect:roomId"), session ids in lower case.
            var id = prefix == "session" ? room.ToLowerInvariant() : room;
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(TestFingerprints.Key, Encoding.UTF8.GetBytes(prefix + ":" + id)))[..8];
            Assert.That(daemon.ExitCode, Is.Zero, daemon.Output);
            Assert.That(daemon.Stdout, Is.EqualTo((string[])[expected]));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Fingerprint_UnknownDialect_Exits64()
    {
        using var daemon = await DaemonProcess.RunAsync(["fingerprint", "garden", "--dialect", "irc"]);

        Assert.That(daemon.ExitCode, Is.EqualTo(64));
        Assert.That(daemon.Stderr, Has.Some.Contains("--dialect"));
    }
}
