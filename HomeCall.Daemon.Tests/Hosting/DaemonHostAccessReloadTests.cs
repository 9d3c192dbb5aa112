using System.Text.Json;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>A reload's room secret and auth webhook (README "Reload", docs/protocol.md §12) applied to the running in-process daemon.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DaemonHostAccessReloadTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("homecall-accessreload-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Reload_RoomSecretRotated_OldTokenForbiddenNewAdmittedMemberStays()
    {
        await using var server = TestServer.Start(new DaemonOptions { RoomSecret = TestTokens.Secret });
        await using var alice = await JoinAsync(server, "alice", TestTokens.Sign(Dialect.Homecall, "garden"));
        Assert.That(JsonShape.Type(await alice.ReceiveAsync()), Is.EqualTo("online"));

        var applied = server.Host.Reload(Read(server.Options with { RoomSecret = TestTokens.OtherSecret }));

        Assert.That(applied, Is.True);
        await using var bob = await JoinAsync(server, "bob", TestTokens.Sign(Dialect.Homecall, "garden"));
        Assert.That(Answer(await bob.ReceiveAsync()), Is.EqualTo("forbidden"));
        await using var carol = await JoinAsync(server, "carol", TestTokens.Sign(Dialect.Homecall, "garden", secret: TestTokens.OtherSecret));
        Assert.That(JsonShape.Type(await carol.ReceiveAsync()), Is.EqualTo("online"));
        Assert.That(JsonShape.Type(await alice.ReceiveAsync()), Is.EqualTo("online"), "alice, still a member, hears carol arrive");
        Assert.That(Poll.Registry(server, r => r.Find(Dialect.Homecall, "garden")!.ConnectedCount), Is.EqualTo(2));
        Assert.That(string.Join('\n', server.Logs.Lines), Does.Not.Contain(TestTokens.OtherSecret).And.Not.Contain(TestTokens.Secret));
    }

    [Test]
    public async Task Reload_RoomSecretEmptied_JoinWithoutTokenAdmitted()
    {
        await using var server = TestServer.Start(new DaemonOptions { RoomSecret = TestTokens.Secret });

        server.Host.Reload(Read(server.Options with { RoomSecret = "" }));

        await using var alice = await JoinAsync(server, "alice", token: null);
        Assert.That(JsonShape.Type(await alice.ReceiveAsync()), Is.EqualTo("online"));
    }

    [Test]
    public async Task Reload_RoomSecretFileTooShort_RefusedWithoutItAndOldSecretStillAdmits()
    {
        var file = Path.Combine(_dir, "room.secret");
        await File.WriteAllTextAsync(file, TestTokens.Secret + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var server = TestServer.Start(new DaemonOptions { RoomSecretFile = file });
        server.FailOnServerErrors = false; // The refusal is logged as an error on purpose.
        await File.WriteAllTextAsync(file, "tiny-secret\n");

        var applied = server.Host.Reload(Read(server.Options with { MaxConnections = 5 }));

        Assert.That(applied, Is.False);
        Assert.That(server.Host.Settings.Current.MaxConnections, Is.EqualTo(server.Options.MaxConnections), "nothing of a refused reload applies");
        await using var alice = await JoinAsync(server, "alice", TestTokens.Sign(Dialect.Homecall, "garden"));
        Assert.That(JsonShape.Type(await alice.ReceiveAsync()), Is.EqualTo("online"));
        var refusal = server.Logs.Lines.Single(l => l.Contains("Reload refused", StringComparison.Ordinal));
        Assert.That(refusal, Does.Contain($"ROOM_SECRET_FILE {file} must hold at least 16 characters").And.Not.Contain("tiny-secret"));
    }

    [Test]
    public async Task Reload_RoomSecretFileRewritten_NewSecretAdmitsAndChangeLogged()
    {
        var file = Path.Combine(_dir, "room.secret");
        await File.WriteAllTextAsync(file, TestTokens.Secret);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var server = TestServer.Start(new DaemonOptions { RoomSecretFile = file });
        await File.WriteAllTextAsync(file, TestTokens.OtherSecret);

        server.Host.Reload(Read(server.Options));

        await using var bob = await JoinAsync(server, "bob", TestTokens.Sign(Dialect.Homecall, "garden"));
        Assert.That(Answer(await bob.ReceiveAsync()), Is.EqualTo("forbidden"));
        await using var carol = await JoinAsync(server, "carol", TestTokens.Sign(Dialect.Homecall, "garden", secret: TestTokens.OtherSecret));
        Assert.That(JsonShape.Type(await carol.ReceiveAsync()), Is.EqualTo("online"));
        Assert.That(server.Logs.Lines.Select(l => l.Replace("\"", "", StringComparison.Ordinal)), Has.One.EqualTo("Reload: ROOM_SECRET_FILE holds a new secret, applied"));
    }

    [Test]
    public async Task Reload_WebhookUrlChanged_CachedAnswerDroppedNewHookAsked()
    {
        await using var allowing = new WebhookServer("""{"allow":true}""");
        await using var refusing = new WebhookServer("""{"allow":false}""");
        await using var server = TestServer.Start(new DaemonOptions { AuthWebhookUrl = allowing.Url });
        await using (var first = await JoinAsync(server, "alice", token: null))
        {
            Assert.That(JsonShape.Type(await first.ReceiveAsync()), Is.EqualTo("online"));
            await first.CloseAsync();
        }

        await Poll.UntilAsync(() => server.RoomCount == 0, "alice to have left");

        server.Host.Reload(Read(server.Options with { AuthWebhookUrl = refusing.Url + "&v=2" }));

        await using var again = await JoinAsync(server, "alice", token: null);
        Assert.That(Answer(await again.ReceiveAsync()), Is.EqualTo("forbidden"), "the same request is not answered from the old hook's cache");
        Assert.That((allowing.Requests.Count, refusing.Requests.Count), Is.EqualTo((1, 1)));
    }

    private static async Task<WsClient> JoinAsync(TestServer server, string user, string? token)
    {
        var client = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await client.SendAsync(token is null ? new { type = "join", room = "garden", user } : new { type = "join", room = "garden", user, token });
        return client;
    }

    /// <summary>An error's code, else the message's type ("online").</summary>
    private static string? Answer(JsonElement message) =>
        message.TryGetProperty("code", out var code) ? code.GetString() : JsonShape.Type(message);

    private static BindResult Read(DaemonOptions options) => new(options with { Host = "127.0.0.1", Port = 0 }, []);
}
