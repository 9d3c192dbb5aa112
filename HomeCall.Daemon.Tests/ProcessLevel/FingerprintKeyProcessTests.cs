using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.ProcessLevel;

/// <summary>
/// The built binary and its fingerprint key: the daemon creates the key on first start and
/// keeps it; `homecall fingerprint` finds the same key and prints what the daemon logged; a
/// missing or unsafe key is one clear line and exit 78.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class FingerprintKeyProcessTests
{
    private const string CodeWord = "moonlit-garden-secret";
    private const string SessionId = "5E1F0D7A-2B3C-4D5E-8F90-123456789ABC";

    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-fpkey-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Fingerprint_RoomsTheDaemonJoined_PrintsWhatItLogged()
    {
        var state = new Dictionary<string, string> { ["STATE_DIRECTORY"] = Path.Combine(_dir, "state") };
        var keyFile = Path.Combine(_dir, "state", "fingerprint.key");
        string[] logged;
        using (var daemon = DaemonProcess.Start(["--port", "0"], state))
        {
            logged = await JoinAndReadFingerprintsAsync(daemon);
            Assert.That(daemon.Stdout, Has.Some.Contains($"Room fingerprints are keyed with {keyFile} (created now)"));
            Assert.That(daemon.Output, Does.Not.Contain(File.ReadAllText(keyFile).Trim()), "the key itself is never logged");
        }

        // As the daemon finds it ($STATE_DIRECTORY), and as an admin points at it (--key-file).
        using var homecall = await DaemonProcess.RunAsync(["fingerprint", CodeWord], state);
        using var session = await DaemonProcess.RunAsync(["fingerprint", SessionId, "--key-file", keyFile]);

        Assert.That(homecall.ExitCode, Is.Zero, homecall.Output);
        Assert.That(homecall.Stdout, Is.EqualTo(new[] { logged[0] }));
        Assert.That(session.ExitCode, Is.Zero, session.Output);
        Assert.That(session.Stdout, Is.EqualTo(new[] { logged[1] }), "a UUID without --dialect is a /signal session id, in any case");
    }

    [Test]
    public async Task Run_SecondStart_KeepsTheKeyAndTheFingerprints()
    {
        var keyFile = Path.Combine(_dir, "keys", "fingerprint.key");
        var settings = new Dictionary<string, string> { ["FINGERPRINT_KEY_FILE"] = keyFile };
        string[] first;
        using (var daemon = DaemonProcess.Start(["--port", "0"], settings))
        {
            first = await JoinAndReadFingerprintsAsync(daemon);
        }

        var key = File.ReadAllText(keyFile);
        using var again = DaemonProcess.Start(["--port", "0"], settings);
        var second = await JoinAndReadFingerprintsAsync(again);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(again.Stdout, Has.Some.Contains($"Room fingerprints are keyed with {keyFile} (existing)"));
        Assert.That(File.ReadAllText(keyFile), Is.EqualTo(key));
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.Combine(_dir, "keys")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public async Task Fingerprint_NoKeyFile_Exits78NamingItAndCreatesNothing()
    {
        var keyFile = Path.Combine(_dir, "missing", "fingerprint.key");

        using var run = await DaemonProcess.RunAsync(["fingerprint", "garden", "--key-file", keyFile]);

        Assert.That(run.ExitCode, Is.EqualTo(78));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo(new[] { $"homecall: no key at {keyFile}: the daemon creates it on first start; run this as the daemon's user or with --key-file" }));
        Assert.That(Directory.Exists(Path.Combine(_dir, "missing")), Is.False);
    }

    [Test]
    public async Task Run_KeyFileReadableByOthers_Exits78WithOneLineNamingIt()
    {
        var keyFile = Path.Combine(_dir, "fingerprint.key");
        TestFingerprints.WriteKeyFile(keyFile);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var daemon = await DaemonProcess.RunAsync(["--port", "0"], new Dictionary<string, string> { ["FINGERPRINT_KEY_FILE"] = keyFile });

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr, Is.EqualTo(new[] { $"homecall: fingerprint key {keyFile} is open to group or others (mode 0644): it must be 0600 (chmod 600 {keyFile})" }));
        Assert.That(daemon.Stdout, Has.None.Contains("Listening on"));
    }

    [Test]
    public async Task Run_NoKeySettingAndNoHome_Exits78SayingWhatToSet()
    {
        var bare = new Dictionary<string, string> { ["STATE_DIRECTORY"] = "", ["XDG_STATE_HOME"] = "", ["HOME"] = "" };

        using var daemon = await DaemonProcess.RunAsync(["--port", "0"], bare);

        Assert.That(daemon.ExitCode, Is.EqualTo(78));
        Assert.That(daemon.Stderr, Is.EqualTo(new[] { "homecall: " + FingerprintKeyPath.NoDefault }));
    }

    /// <summary>Joins a homecall room and a /signal session; returns the two fingerprints the daemon logged, in that order.</summary>
    private static async Task<string[]> JoinAndReadFingerprintsAsync(DaemonProcess daemon)
    {
        var endpoint = await daemon.WaitForListeningAsync();
        await using var member = await WsClient.ConnectAsync(new Uri($"ws://{endpoint}/ws/"));
        await member.SendAsync(new { type = "join", room = CodeWord, user = "alice" });
        await member.ReceiveTypeAsync("online");
        await using var caller = await WsClient.ConnectAsync(new Uri($"ws://{endpoint}/signal"));
        await caller.SendAsync(new { type = "join", room = SessionId, user = "caller" });
        await Poll.UntilAsync(() => Joined(daemon).Length == 2, "two Joined room= lines", DaemonProcess.DefaultWait);
        return Joined(daemon);
    }

    private static string[] Joined(DaemonProcess daemon) =>
        daemon.Stdout.Select(l => JoinedLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@" Joined room=([0-9a-f]{8}) ")]
    private static partial Regex JoinedLine();
}
