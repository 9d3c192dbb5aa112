using HomeCall.Daemon.Config;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

/// <summary>
/// The logging rules (docs/security.md): after full calls, the log file names rooms only by
/// their keyed fingerprint. ProcessLevel/FingerprintKeyProcessTests checks that
/// `homecall fingerprint` prints what the built daemon logs.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LogPrivacyTests
{
    private const string CodeWord = "moonlit-garden-secret";
    private const string Sdp = "v=0 o=SECRET-SDP-BODY";
    private const string Candidate = "candidate:SECRET-CANDIDATE 1 udp 2122260223 127.0.0.1 5000 typ host";
    private const string DisplayName = "Secret Display Name";
    private const string SessionId = "5e1f0d7a-2b3c-4d5e-8f90-123456789abc";

    private string _logDir = "";

    [SetUp]
    public void CreateLogDir() => _logDir = Directory.CreateTempSubdirectory("homecall-logs-").FullName;

    [TearDown]
    public void RemoveLogDir() => Directory.Delete(_logDir, recursive: true);

    [Test]
    public async Task LogFile_AfterCallsInEveryDialect_HasFingerprintsAndNoSecrets()
    {
        var options = new DaemonOptions { LogDir = _logDir, LogLevel = "verbose" };
        using (var fileLogger = LogSetup.Create(options, Stream.Null, TextWriter.Null, out var problem))
        {
            Assert.That(problem, Is.Null);
            await using var server = TestServer.Start(options, extraLogger: fileLogger);
            await HomecallCallAsync(server);
            await MeshCallAsync(server);
            await SessionCallAsync(server);
            await server.StopAsync();
        }

        var text = string.Join("\n", Directory.GetFiles(_logDir).Select(File.ReadAllText));

        Assert.That(text, Does.Contain("room=" + TestFingerprints.Of(Dialect.Homecall, CodeWord)));
        Assert.That(text, Does.Contain("room=" + TestFingerprints.Of(Dialect.Mesh, CodeWord)));
        Assert.That(text, Does.Contain("room=" + TestFingerprints.Of(Dialect.Session, SessionId)));
        foreach (var secret in new[] { CodeWord, "SECRET-SDP-BODY", "SECRET-CANDIDATE", DisplayName, SessionId })
        {
            Assert.That(text, Does.Not.Contain(secret));
        }
    }

    private static async Task HomecallCallAsync(TestServer server)
    {
        await using var a = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var b = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await a.SendAsync(new { type = "join", room = CodeWord, user = "a" });
        await a.ReceiveTypeAsync("online");
        await b.SendAsync(new { type = "join", room = CodeWord, user = "b" });
        await b.ReceiveTypeAsync("online");
        await a.SendAsync(new { type = "offer", to = "b", sdp = Sdp });
        await b.ReceiveTypeAsync("offer");
        await b.SendAsync(new { type = "candidate", to = "a", candidate = new { candidate = Candidate } });
        await a.ReceiveTypeAsync("candidate");
        await a.SendAsync(new { type = "leave", room = CodeWord, user = "a" });
        await b.ReceiveTypeAsync("online");
    }

    private static async Task MeshCallAsync(TestServer server)
    {
        var name = Uri.EscapeDataString(DisplayName);
        await using var a = await WsClient.ConnectAsync(server.Ws($"/?roomId={CodeWord}&userId=a&userName={name}"));
        await a.ReceiveTypeAsync("participants");
        await using var b = await WsClient.ConnectAsync(server.Ws($"/?roomId={CodeWord}&userId=b&userName={name}"));
        await b.ReceiveTypeAsync("participants");
        await a.SendAsync(new { type = "ice-candidate", targetUserId = "b", candidate = Candidate });
        await b.ReceiveTypeAsync("ice-candidate");
    }

    private static async Task SessionCallAsync(TestServer server)
    {
        await using var caller = await WsClient.ConnectAsync(server.Ws("/signal"));
        await caller.SendAsync(new { type = "join", room = SessionId, user = "caller" });
        await caller.SendAsync(new { type = "offer", room = SessionId, from = "caller", sdp = Sdp });
        await using var callee = await WsClient.ConnectAsync(server.Ws("/signal"));
        await callee.SendAsync(new { type = "join", room = SessionId, user = "callee" });
        await callee.ReceiveTypeAsync("offer");
        await callee.SendAsync(new { type = "leave", room = SessionId, user = "callee" });
        await caller.ReceiveTypeAsync("leave");
    }
}
