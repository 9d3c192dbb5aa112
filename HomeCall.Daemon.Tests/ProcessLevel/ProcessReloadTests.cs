using System.Text.Json;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>SIGHUP on the built binary: the env file and secret files read again, live settings applied, an invalid file refused.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessReloadTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-reload-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Sighup_ChangedEnvFile_OriginsLimitsAndLogLevelApplied()
    {
        var file = Path.Combine(_dir, "homecall.env");
        await File.WriteAllTextAsync(file, "ALLOWED_ORIGINS=https://old.example\n");
        await using var daemon = DaemonProcess.Start(["--port", "0", "--env-file", file]);
        await daemon.WaitForListeningAsync();
        await using (await ConnectAsync(daemon, "https://old.example"))
        {
        }

        // A burst of 1 makes the second message rate-limited, which is logged at debug level only.
        await File.WriteAllTextAsync(file, "ALLOWED_ORIGINS=https://new.example\nLOG_LEVEL=debug\nRATE_LIMIT_BURST=1\nRATE_LIMIT_PER_SEC=1\nMAX_MESSAGE_BYTES=2048\n");
        await daemon.SignalAsync("HUP");
        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("Settings reloaded", StringComparison.Ordinal)), "the reload's summary line");

        await using var after = await ConnectAsync(daemon, "https://new.example");
        await after.SendTextAsync("not json");
        await after.SendTextAsync("not json");
        Assert.That((await after.ReceiveTypeAsync("error")).GetProperty("code").GetString(), Is.EqualTo("invalid-message"));
        Assert.That((await after.ReceiveTypeAsync("error")).GetProperty("code").GetString(), Is.EqualTo("rate-limited"));
        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("[DBG]", StringComparison.Ordinal) && l.Contains("Error rate-limited sent", StringComparison.Ordinal)), "a debug line once LOG_LEVEL=debug is applied");
        var refused = await RawUpgrade.RefusalAsync(daemon.Endpoint, extraHeaders: "Origin: https://old.example\r\n");
        Assert.That(RawHttp.Status(refused), Is.EqualTo(403), "the old origin is no longer allowed");
        Assert.That(daemon.Stdout, Has.Some.Contains("[WRN]").And.Contains("MAX_MESSAGE_BYTES changed from 65536 to 2048, needs a restart"));
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);
    }

    [Test]
    public async Task Sighup_InvalidEnvFile_RefusedWithReasonAndOldSettingsKept()
    {
        var file = Path.Combine(_dir, "homecall.env");
        await File.WriteAllTextAsync(file, "ALLOWED_ORIGINS=https://old.example\n");
        await using var daemon = DaemonProcess.Start(["--port", "0", "--env-file", file]);
        await daemon.WaitForListeningAsync();

        await File.WriteAllTextAsync(file, "ALLOWED_ORIGINS=homecall.test\nMAX_CONNECTIONS=5\n");
        await daemon.SignalAsync("HUP");
        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("Reload refused", StringComparison.Ordinal)), "the refusal");

        Assert.That(daemon.Stdout, Has.Some.Contains("[ERR]").And.Contains("Reload refused, the running settings stay").And.Contains("(got 'homecall.test')"));
        Assert.That(daemon.Stdout, Has.None.Contains("MAX_CONNECTIONS changed"), "nothing of a refused file is applied");
        await using var old = await ConnectAsync(daemon, "https://old.example");
        Assert.That(daemon.HasExited, Is.False);
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);
    }

    [Test]
    public async Task Sighup_SecretFilesRotated_NewSecretsUsedAnUnusableFileRefused()
    {
        var file = Path.Combine(_dir, "homecall.env");
        var room = SecretFile("room.secret", TestTokens.Secret);
        var turn = SecretFile("turn.secret", "old-turn-secret");
        await File.WriteAllTextAsync(file, $"ROOM_SECRET_FILE={room}\nTURN_URLS=turn:turn.example.org\nTURN_SECRET_FILE={turn}\n");
        await using var daemon = DaemonProcess.Start(["--port", "0", "--env-file", file]);
        await daemon.WaitForListeningAsync();

        SecretFile("room.secret", TestTokens.OtherSecret);
        SecretFile("turn.secret", "new-turn-secret");
        await daemon.SignalAsync("HUP");
        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("Settings reloaded", StringComparison.Ordinal)), "the reload's summary line");

        Assert.That(await JoinAsync(daemon, "bob", TestTokens.Sign(Dialect.Homecall, "garden")), Is.EqualTo("error"), "a token of the old secret");
        Assert.That(await JoinAsync(daemon, "carol", TestTokens.Sign(Dialect.Homecall, "garden", secret: TestTokens.OtherSecret)), Is.EqualTo("online"));
        using var http = new HttpClient();
        var turnServer = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{daemon.Port}/ice-servers"))).RootElement.GetProperty("iceServers")[0];
        Assert.That(turnServer.GetProperty("credential").GetString(), Is.EqualTo(TurnCredentials.Credential("new-turn-secret", turnServer.GetProperty("username").GetString()!)));

        // Open to others: refused as at start, and the rotated secret stays in force.
        SecretFile("room.secret", "a-third-secret-0123456789", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        await daemon.SignalAsync("HUP");
        await Poll.UntilAsync(() => daemon.Stdout.Any(l => l.Contains("Reload refused", StringComparison.Ordinal)), "the refusal");
        Assert.That(daemon.Stdout, Has.One.Contains("[ERR]").And.Contains($"ROOM_SECRET_FILE {room} is open to others"));
        Assert.That(await JoinAsync(daemon, "dave", TestTokens.Sign(Dialect.Homecall, "garden", secret: TestTokens.OtherSecret)), Is.EqualTo("online"));
        Assert.That(daemon.Output, Does.Not.Contain("turn-secret").And.Not.Contain(TestTokens.OtherSecret).And.Not.Contain("a-third-secret"));
        await daemon.SignalAsync("TERM");
        Assert.That(await daemon.WaitForExitAsync(), Is.Zero, daemon.Output);
    }

    /// <summary>Writes a secret file (owner-only unless told otherwise) and returns its path.</summary>
    private string SecretFile(string name, string secret, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, secret + "\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>The type of the first answer to a homecall join of room garden with <paramref name="token"/>.</summary>
    private static async Task<string> JoinAsync(DaemonProcess daemon, string user, string token)
    {
        await using var client = await WsClient.ConnectAsync(daemon.Ws("/ws/"));
        await client.SendAsync(new { type = "join", room = "garden", user, token });
        return JsonShape.Type(await client.ReceiveAsync());
    }

    private static Task<WsClient> ConnectAsync(DaemonProcess daemon, string origin) =>
        WsClient.ConnectAsync(daemon.Ws("/ws/"), o => o.SetRequestHeader("Origin", origin));
}
