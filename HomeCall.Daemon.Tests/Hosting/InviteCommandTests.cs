using System.Text;
using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Hosting;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hosting;

/// <summary>`homecall invite` (README "Private rooms"): a token the daemon accepts and a link carrying it; --check explains a token.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InviteCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DaemonOptions Options = new() { RoomSecret = TestTokens.Secret, Host = "127.0.0.1", Port = 8080 };

    private static (int Exit, string[] Out, string Err) Run(string[] args, DaemonOptions? options = null, FakeTimeProvider? time = null)
    {
        var request = CommandLine.Parse(args);
        Assert.That(request.Errors, Is.Empty);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = InviteCommand.Run(request.Invite!, options ?? Options, time ?? new FakeTimeProvider(Now), stdout, stderr);
        return (exit, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    private static RoomToken Decode(string line)
    {
        Assert.That(RoomTokenCodec.Decode(line["token: ".Length..], Encoding.UTF8.GetBytes(TestTokens.Secret), out var token), Is.EqualTo(TokenProblem.None));
        return token!;
    }

    [Test]
    public void Run_HomecallRoom_TokenForTheRoomAndAWebSocketLink()
    {
        var (exit, lines, _) = Run(["invite", "garden", "--user", "alice", "--ttl", "2h", "--create", "1"]);

        Assert.That(exit, Is.Zero);
        Assert.That(Decode(lines[0]), Is.EqualTo(new RoomToken(Dialect.Homecall, "garden", Now.AddHours(2), "alice", 1)));
        Assert.That(lines[1], Is.EqualTo("link: ws://127.0.0.1:8080/?token=" + lines[0]["token: ".Length..]));
        Assert.That(lines[2], Is.EqualTo("expires: 2026-06-01T14:00:00Z"));
    }

    [Test]
    public void Run_MeshWithBaseUrl_LinkCarriesRoomUserAndToken()
    {
        var (_, lines, _) = Run(["invite", "team 1", "--dialect", "mesh", "--user", "u1", "--base-url", "https://call.example.org/app?lang=ru"]);

        Assert.That(lines[1], Is.EqualTo("link: https://call.example.org/app?lang=ru&roomId=team%201&userId=u1&token=" + lines[0]["token: ".Length..]));
    }

    [Test]
    public void Run_UpperCaseSessionId_NormalisedAndSignalLink()
    {
        var (_, lines, _) = Run(["invite", "3F2504E0-4F89-41D3-9A0C-0305E82C3301"]);

        Assert.That(Decode(lines[0]).Room, Is.EqualTo("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
        Assert.That(lines[1], Does.StartWith("link: ws://127.0.0.1:8080/signal?token="));
    }

    [Test]
    public void Run_SelfTest_HourLongTokenForSelfTestRoomsAndThePageLink()
    {
        var (_, lines, _) = Run(["invite", "--self-test"]);

        Assert.That(Decode(lines[0]), Is.EqualTo(new RoomToken(Dialect.Homecall, "selftest-*", Now.AddHours(1), null, null)));
        Assert.That(lines[1], Does.StartWith("link: http://127.0.0.1:8080/?token="));
    }

    [Test]
    public void Run_CheckValidToken_ExplainedExit0()
    {
        var token = TestTokens.Sign(Dialect.Numeric, "*", create: 0, expires: Now.AddDays(1));

        var (exit, lines, _) = Run(["invite", "--check", token]);

        Assert.That(exit, Is.Zero);
        Assert.That(lines, Is.EqualTo(new[] { "token: valid", "dialect: numeric", "room: *", "user: any", "create: not allowed (join only)", "expires: 2026-06-02T12:00:00Z" }));
    }

    [Test]
    public void Run_CheckExpiredToken_SaysExpiredExit1()
    {
        var token = TestTokens.Sign(Dialect.Homecall, "garden", "alice", 3, Now.AddSeconds(-1));

        var (exit, lines, _) = Run(["invite", "--check", token]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(lines[0..5], Is.EqualTo(new[] { "token: expired", "dialect: homecall", "room: garden", "user: alice", "create: at most 3 rooms" }));
    }

    [Test]
    public void Run_CheckTokenOfRotatedSecret_BadSignatureNothingElseShown()
    {
        var (exit, lines, _) = Run(["invite", "--check", TestTokens.Sign(Dialect.Homecall, "garden", secret: TestTokens.OtherSecret)]);

        Assert.That((exit, lines), Is.EqualTo((1, new[] { "token: bad signature (tampered, or signed with another ROOM_SECRET)" })));
    }

    [Test]
    public void Run_NoSecretConfigured_Exit78NamingTheSetting()
    {
        var (exit, lines, err) = Run(["invite", "garden"], new DaemonOptions());

        Assert.That((exit, lines.Length), Is.EqualTo((78, 0)));
        Assert.That(err, Does.Contain("ROOM_SECRET (or ROOM_SECRET_FILE) is not set"));
    }

    [Test]
    public void Run_SecretFromFile_SameTokensAsTheDaemon()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, TestTokens.Secret + "\n");
            var (exit, lines, _) = Run(["invite", "garden"], new DaemonOptions { RoomSecretFile = path });

            Assert.That(exit, Is.Zero);
            Assert.That(Decode(lines[0]).Room, Is.EqualTo("garden"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("numeric", "--user", "alice", "numeric rooms have no user names")]
    [TestCase("session", "--user", "bob", "a session ROOM is a UUID")]
    public void Run_UnusableInvitation_Exit64(string dialect, string option, string value, string error)
    {
        var (exit, _, err) = Run(["invite", "garden", "--dialect", dialect, option, value]);

        Assert.That(exit, Is.EqualTo(64));
        Assert.That(err, Does.Contain(error));
    }
}
