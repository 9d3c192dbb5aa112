using System.Text.Json;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>The ICE settings in the built binary: exit 78 with a clear line, the secret masked, TURN_SECRET_FILE read at start.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessIceConfigTests
{
    private const string Secret = "file-secret-never-printed";
    private const string TurnUrl = "turn:turn.example.org:3478?transport=udp";

    private string _directory = "";

    private string SecretFile => Path.Combine(_directory, "turn-secret");

    [SetUp]
    public async Task WriteSecretFileAsync()
    {
        _directory = Directory.CreateTempSubdirectory("homecall-turn-secret-").FullName;
        await File.WriteAllTextAsync(SecretFile, Secret + "\n");
        File.SetUnixFileMode(SecretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [TearDown]
    public void RemoveSecretFile() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Run_TurnUrlWithoutSecret_Exits78WithOneLineSayingWhatToSet()
    {
        using var daemon = await DaemonProcess.RunAsync([], new Dictionary<string, string> { ["TURN_URLS"] = TurnUrl });

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr, Has.Some.EqualTo("homecall: invalid setting: TURN_URLS is set but TURN_SECRET and TURN_SECRET_FILE are empty: set coturn's static-auth-secret in one of them (docs/turn.md)"));
        Assert.That(daemon.Stdout, Has.None.Contains("Listening on"));
    }

    [Test]
    public async Task CheckConfig_SecretAndSecretFileBothSet_Exits78NeverPrintingTheSecret()
    {
        var env = new Dictionary<string, string> { ["TURN_URLS"] = TurnUrl, ["TURN_SECRET"] = "inline-secret-value", ["TURN_SECRET_FILE"] = SecretFile };

        using var daemon = await DaemonProcess.RunAsync(["--check-config"], env);

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr, Has.Some.StartsWith("homecall: invalid setting: TURN_SECRET and TURN_SECRET_FILE are both set"));
        Assert.That(daemon.Output, Does.Not.Contain("inline-secret-value").And.Not.Contain(Secret));
    }

    [Test]
    public async Task CheckConfig_InlineSecret_MaskedExit0()
    {
        var env = new Dictionary<string, string> { ["TURN_URLS"] = TurnUrl, ["TURN_SECRET"] = "inline-secret-value", ["STUN_URLS"] = "stun:stun.example.org" };

        using var daemon = await DaemonProcess.RunAsync(["--check-config"], env);

        Assert.That(daemon.ExitCode, Is.Zero, daemon.Output);
        Assert.That(daemon.Stdout, Does.Contain("TURN_SECRET=********").And.Contain("TURN_URLS=" + TurnUrl).And.Contain("STUN_URLS=stun:stun.example.org"));
        Assert.That(daemon.Output, Does.Not.Contain("inline-secret-value"));
    }

    [Test]
    public async Task CheckConfig_SecretFileMissing_Exits78NamingTheFile()
    {
        var missing = Path.Combine(_directory, "absent");

        using var daemon = await DaemonProcess.RunAsync(["--check-config"], new Dictionary<string, string> { ["TURN_URLS"] = TurnUrl, ["TURN_SECRET_FILE"] = missing });

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr, Has.Some.StartsWith($"homecall: TURN_SECRET_FILE {missing} cannot be read"));
    }

    [Test]
    public async Task Start_SecretFile_CredentialsMadeWithTheFilesSecretWhichIsNeverLogged()
    {
        var env = new Dictionary<string, string> { ["TURN_URLS"] = TurnUrl, ["TURN_SECRET"] = "", ["TURN_SECRET_FILE"] = SecretFile };
        using var daemon = await DaemonProcess.StartListeningAsync(env);
        using var http = new HttpClient();

        var ice = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://{daemon.Endpoint}/ice-servers"))).RootElement;
        var turn = ice.GetProperty("iceServers")[0];

        Assert.That(turn.GetProperty("credential").GetString(), Is.EqualTo(TurnCredentials.Credential(Secret, turn.GetProperty("username").GetString()!)));
        Assert.That(daemon.Output, Does.Contain("ICE servers for clients").And.Not.Contain(Secret));
    }
}
