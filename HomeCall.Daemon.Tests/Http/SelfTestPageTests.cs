using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Http;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Http;

public sealed class SelfTestPageTests
{
    private static string Html()
    {
        using var stream = typeof(SelfTestPage).Assembly.GetManifestResourceStream(SelfTestPage.ResourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Sha256(string text) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + "'";

    [Test]
    public void ContentSecurityPolicy_EmbeddedPage_AllowsExactlyItsInlineScriptAndStyle()
    {
        var html = Html();
        var script = html[(html.IndexOf("<script>", StringComparison.Ordinal) + 8)..html.IndexOf("</script>", StringComparison.Ordinal)];
        var style = html[(html.IndexOf("<style>", StringComparison.Ordinal) + 7)..html.IndexOf("</style>", StringComparison.Ordinal)];

        var policy = SelfTestPage.ContentSecurityPolicy;

        Assert.That(policy, Does.StartWith("default-src 'none';"));
        Assert.That(policy, Does.Contain($"script-src {Sha256(script)};"));
        Assert.That(policy, Does.Contain($"style-src {Sha256(style)};"));
        Assert.That(policy, Does.Not.Contain("unsafe"));
    }

    [Test]
    public void EmbeddedPage_Markup_LoadsNothingFromElsewhere()
    {
        var html = Html();

        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain(" src="));
        Assert.That(html.Split("<script").Length - 1, Is.EqualTo(1), "one inline script");
        Assert.That(html.Split("<style").Length - 1, Is.EqualTo(1), "one inline style");
        Assert.That(html, Does.Not.Contain("innerHTML").And.Not.Contain(" style=\""), "Trusted Types and the style hash allow neither");
    }

    [Test]
    public async Task PlainGetSlash_TwoRequests_EachARandomRoomWithItsLogFingerprint()
    {
        await using var server = TestServer.Start();

        var first = await RawHttp.SendAsync(server.Endpoint, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var second = await RawHttp.SendAsync(server.Endpoint, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");

        var (room, fingerprint) = ServedRoom(first);
        Assert.That(room, Does.Match("^selftest-[0-9a-f-]{36}$"));
        Assert.That(fingerprint, Is.EqualTo(TestFingerprints.Fingerprinter.Of(HomeCall.Daemon.Protocol.Dialect.Homecall, room)), "what the log calls this room");
        Assert.That(ServedRoom(second).Room, Is.Not.EqualTo(room));
        Assert.That(first, Does.Not.Contain(SelfTestPage.RoomPlaceholder).And.Not.Contain(SelfTestPage.FingerprintPlaceholder));
    }

    [Test]
    public void InlineBlock_NoSuchBlock_Throws()
    {
        Assert.That(() => SelfTestPage.InlineBlock("<p>no script</p>", "script"), Throws.InvalidOperationException);
    }

    [Test]
    public async Task PlainGetSlash_SelfTestPageOn_ServesThePageWithItsPolicy()
    {
        await using var server = TestServer.Start();

        var response = await RawHttp.SendAsync(server.Endpoint, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.That(RawHttp.Status(response), Is.EqualTo(200));
        Assert.That(response, Does.Contain("Content-Type: text/html; charset=utf-8\r\n"));
        Assert.That(response, Does.Contain($"Content-Security-Policy: {SelfTestPage.ContentSecurityPolicy}\r\n"));
        Assert.That(response, Does.Contain("X-Content-Type-Options: nosniff\r\n"));
        Assert.That(response, Does.Contain("<title>HomeCall self-test</title>"));
    }

    [Test]
    public async Task PlainGetSlash_SelfTestPageOff_Answers426LikeOtherWebSocketPaths()
    {
        await using var server = TestServer.Start(new DaemonOptions { SelfTestPage = false });

        var response = await RawHttp.SendAsync(server.Endpoint, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.That(RawHttp.Status(response), Is.EqualTo(426));
        Assert.That(response, Does.Contain("Upgrade: websocket\r\n"));
        Assert.That(response, Does.Not.Contain("<html"));
    }

    [TestCase("/ws/")]
    [TestCase("/signal")]
    public async Task PlainGetOtherWebSocketPath_SelfTestPageOn_Answers426(string path)
    {
        await using var server = TestServer.Start();

        var response = await RawHttp.SendAsync(server.Endpoint, $"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.That(RawHttp.Status(response), Is.EqualTo(426));
    }

    private static (string Room, string Fingerprint) ServedRoom(string response)
    {
        var meta = System.Text.RegularExpressions.Regex.Match(response, "<meta name=\"homecall-selftest-room\" content=\"([^\"]*)\" data-fingerprint=\"([^\"]*)\">");
        Assert.That(meta.Success, Is.True, "the page names its room");
        return (meta.Groups[1].Value, meta.Groups[2].Value);
    }
}
