using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>The built binary with private rooms (README "Private rooms"): a bad ROOM_SECRET_FILE stops the start; `homecall invite` reads the daemon's env file.</summary>
public sealed class RoomSecretProcessTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-roomsecret-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Run_SecretFileMissing_Exits78NamingItBeforeListening()
    {
        var missing = Path.Combine(_dir, "room.secret");
        var env = new Dictionary<string, string> { ["ROOM_SECRET_FILE"] = missing, ["FINGERPRINT_KEY_FILE"] = Path.Combine(_dir, "fingerprint.key") };

        using var daemon = await DaemonProcess.RunAsync(["--port", "0"], env);

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr.Single(), Does.StartWith($"homecall: ROOM_SECRET_FILE {missing} cannot be read"));
        Assert.That(daemon.Stdout, Has.None.Contains("Listening on"));
    }

    [Test]
    public async Task Invite_EnvFileOfTheDaemon_TokenTheDaemonAccepts()
    {
        var envFile = Path.Combine(_dir, "homecall.env");
        File.WriteAllText(envFile, $"ROOM_SECRET='{TestTokens.Secret}'\nWS_PORT=9\n");

        using var invite = await DaemonProcess.RunAsync(["invite", "garden", "--env-file", envFile]);
        var token = invite.Stdout.Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..];
        using var check = await DaemonProcess.RunAsync(["invite", "--check", token, "--env-file", envFile]);

        Assert.That(invite.ExitCode, Is.Zero, invite.Output);
        Assert.That(invite.Stdout, Has.Some.EqualTo("link: ws://127.0.0.1:9/?token=" + token));
        Assert.That((check.ExitCode, check.Stdout[0]), Is.EqualTo((0, "token: valid")));
    }
}
