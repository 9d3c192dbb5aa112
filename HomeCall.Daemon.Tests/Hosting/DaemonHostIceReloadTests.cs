using System.Net;
using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Ice;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>A reload's ICE servers (README "Reload", docs/turn.md) applied to the running in-process daemon.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DaemonHostIceReloadTests
{
    private const string OldSecret = "old-turn-secret";
    private const string NewSecret = "new-turn-secret";

    private static readonly DaemonOptions WithTurn = new()
    {
        StunUrls = ["stun:stun.example.org:3478"],
        TurnUrls = ["turn:old.example.org:3478"],
        TurnSecret = OldSecret,
    };

    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-turnreload-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Reload_NewTurnSecretAndUrls_JoinAndGetIssueCredentialsOfTheNewSecret()
    {
        await using var server = TestServer.Start(WithTurn);

        var applied = server.Host.Reload(Read(server.Options with { TurnUrls = ["turns:new.example.org:5349"], TurnSecret = NewSecret }));

        Assert.That(applied, Is.True);
        await using var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await alice.SendAsync(new { type = "join", room = "garden", user = "alice" });
        AssertTurn(await alice.ReceiveTypeAsync("ice-servers"), "turns:new.example.org:5349", NewSecret);
        var (status, body) = await GetIceServersAsync(server);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        AssertTurn(JsonDocument.Parse(body).RootElement, "turns:new.example.org:5349", NewSecret);
        Assert.That(Unquoted(server), Has.Some.EqualTo($"Reload: TURN_SECRET changed from {OptionsPrinter.Masked} to {OptionsPrinter.Masked}, applied"));
        Assert.That(string.Join('\n', server.Logs.Lines), Does.Not.Contain(NewSecret).And.Not.Contain(OldSecret));
    }

    [Test]
    public async Task Reload_IceServersRemoved_GetIs404AndJoinGetsNoIceServers()
    {
        await using var server = TestServer.Start(WithTurn);

        server.Host.Reload(Read(server.Options with { StunUrls = [], TurnUrls = [], TurnSecret = "" }));

        Assert.That((await GetIceServersAsync(server)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        await using var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await alice.SendAsync(new { type = "join", room = "garden", user = "alice" });
        Assert.That(JsonShape.Type(await alice.ReceiveAsync()), Is.EqualTo("online"));
        // Anything the join had sent would come before the answer to this relay.
        await alice.SendAsync(new { type = "offer", to = "nobody", sdp = "v=0" });
        Assert.That(JsonShape.Str(await alice.ReceiveAsync(), "code"), Is.EqualTo("user-not-found"));
    }

    [Test]
    public async Task Reload_TurnSecretFileRewritten_NewSecretUsedAndLoggedWithoutIt()
    {
        var file = Path.Combine(_dir, "turn.secret");
        await File.WriteAllTextAsync(file, OldSecret + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var server = TestServer.Start(WithTurn with { TurnSecret = "", TurnSecretFile = file });
        await File.WriteAllTextAsync(file, NewSecret + "\n");

        var applied = server.Host.Reload(Read(server.Options));

        Assert.That(applied, Is.True);
        AssertTurn(JsonDocument.Parse((await GetIceServersAsync(server)).Body).RootElement, "turn:old.example.org:3478", NewSecret);
        Assert.That(Unquoted(server), Has.Some.EqualTo("Reload: TURN_SECRET_FILE holds a new secret, applied"));
        Assert.That(string.Join('\n', server.Logs.Lines), Does.Not.Contain(NewSecret).And.Not.Contain(OldSecret));
    }

    [Test]
    public async Task Reload_TurnSecretFileEmptied_RefusedAndOldSecretStillUsed()
    {
        var file = Path.Combine(_dir, "turn.secret");
        await File.WriteAllTextAsync(file, OldSecret);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var server = TestServer.Start(WithTurn with { TurnSecret = "", TurnSecretFile = file });
        server.FailOnServerErrors = false; // The refusal is logged as an error on purpose.
        await File.WriteAllTextAsync(file, "");

        var applied = server.Host.Reload(Read(server.Options with { TurnUrls = ["turn:new.example.org"] }));

        Assert.That(applied, Is.False);
        AssertTurn(JsonDocument.Parse((await GetIceServersAsync(server)).Body).RootElement, "turn:old.example.org:3478", OldSecret);
        Assert.That(Unquoted(server), Has.One.EqualTo($"Reload refused, the running settings stay: TURN_SECRET_FILE {file} is empty: put coturn's static-auth-secret in it"));
    }

    /// <summary>The TURN server of an ice-servers object: its one URL, and a credential that is the HMAC of its username under <paramref name="secret"/>.</summary>
    private static void AssertTurn(JsonElement message, string url, string secret)
    {
        var turn = message.GetProperty("iceServers").EnumerateArray().Single(s => s.TryGetProperty("credential", out _));
        var username = turn.GetProperty("username").GetString()!;
        Assert.That(turn.GetProperty("urls").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { url }));
        Assert.That(turn.GetProperty("credential").GetString(), Is.EqualTo(TurnCredentials.Credential(secret, username)));
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetIceServersAsync(TestServer server)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Http("/ice-servers"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> Unquoted(TestServer server) => server.Logs.Lines.Select(l => l.Replace("\"", "", StringComparison.Ordinal));

    private static BindResult Read(DaemonOptions options) => new(options with { Host = "127.0.0.1", Port = 0 }, []);
}
