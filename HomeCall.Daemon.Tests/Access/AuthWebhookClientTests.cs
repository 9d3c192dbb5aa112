using HomeCall.Daemon.Access;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;

namespace HomeCall.Daemon.Tests.Access;

/// <summary>The auth webhook (docs/protocol.md §12.4) against a local HTTP server: allow, deny, timeout, down, and the cache.</summary>
public sealed class AuthWebhookClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private static readonly AuthWebhookRequest Request = new("homecall", "0a1b2c3d", "garden", "alice", "192.0.2.1", "https://call.example.org", "tok");

    private HttpClient _http = null!;

    [SetUp]
    public void CreateHttp() => _http = AuthWebhookClient.NewHttpClient();

    [TearDown]
    public void DisposeHttp() => _http.Dispose();

    private AuthWebhookClient Client(string url, FakeTimeProvider time, CapturingSink? logs = null) =>
        new(_http, new Uri(url), Timeout, CacheFor, time, new LoggerConfiguration().WriteTo.Sink(logs ?? new CapturingSink()).CreateLogger());

    [Test]
    public async Task AskAsync_Allowed_AllowWithIceServersAndEveryFieldPosted()
    {
        await using var hook = new WebhookServer("""{"allow":true,"iceServers":[{"urls":"turn:t.example.org","username":"u","credential":"c"}]}""");
        var client = Client(hook.Url, new FakeTimeProvider());

        var decision = await client.AskAsync(Request).WaitAsync(Poll.DefaultTimeout);

        Assert.That(decision, Is.EqualTo(new AuthDecision(true, """[{"urls":"turn:t.example.org","username":"u","credential":"c"}]""", false)));
        Assert.That(hook.Requests.Single().GetRawText(), Is.EqualTo("""{"dialect":"homecall","roomFingerprint":"0a1b2c3d","room":"garden","user":"alice","ip":"192.0.2.1","origin":"https://call.example.org","token":"tok"}"""));
    }

    [Test]
    public async Task AskAsync_Denied_NotAllowedAndIceServersDropped()
    {
        await using var hook = new WebhookServer("""{"allow":false,"iceServers":[]}""");
        var client = Client(hook.Url, new FakeTimeProvider());

        Assert.That(await client.AskAsync(Request).WaitAsync(Poll.DefaultTimeout), Is.EqualTo(new AuthDecision(false, null, false)));
    }

    [TestCase(200, """{"allow":"yes"}""")]
    [TestCase(200, "not json")]
    [TestCase(200, "[true]")]
    [TestCase(500, """{"allow":true}""")]
    [TestCase(302, """{"allow":true}""")]
    public async Task AskAsync_NoUsableAnswer_RefusedAndNotCached(int status, string body)
    {
        await using var hook = new WebhookServer(body, status);
        var client = Client(hook.Url, new FakeTimeProvider());

        Assert.That(await client.AskAsync(Request).WaitAsync(Poll.DefaultTimeout), Is.EqualTo(AuthDecision.Refused));
        await client.AskAsync(Request).WaitAsync(Poll.DefaultTimeout);
        Assert.That(hook.Requests, Has.Count.EqualTo(2), "a failure is asked again");
    }

    [Test]
    public async Task AskAsync_NoAnswerWithinTimeout_RefusedAndLoggedWithoutUrl()
    {
        await using var hook = new WebhookServer { Hang = true };
        var time = new FakeTimeProvider();
        var logs = new CapturingSink();
        var client = Client(hook.Url, time, logs);

        var asking = client.AskAsync(Request);
        await Poll.UntilAsync(() => !hook.Requests.IsEmpty, "the webhook to receive the request");
        Assert.That(asking.IsCompleted, Is.False);
        time.Advance(Timeout);

        Assert.That(await asking.WaitAsync(Poll.DefaultTimeout), Is.EqualTo(AuthDecision.Refused));
        Assert.That(logs.Lines, Has.Some.Contains("did not answer within 3000 ms"));
        Assert.That(logs.Lines, Has.None.Contains("secret-in-url"));
        Assert.That(logs.Lines, Has.None.Contains("garden"));
    }

    [Test]
    public async Task AskAsync_WebhookDown_Refused()
    {
        var client = Client(WebhookServer.DownUrl(), new FakeTimeProvider());

        Assert.That(await client.AskAsync(Request).WaitAsync(Poll.DefaultTimeout), Is.EqualTo(AuthDecision.Refused));
    }

    [Test]
    public async Task AskAsync_SameRequestWithinCacheTime_AnsweredFromCacheUntilItLapses()
    {
        await using var hook = new WebhookServer("""{"allow":true}""");
        var time = new FakeTimeProvider();
        var client = Client(hook.Url, time);

        await client.AskAsync(Request).WaitAsync(Poll.DefaultTimeout);
        hook.Answer = """{"allow":false}""";
        time.Advance(CacheFor - TimeSpan.FromMilliseconds(1));
        var cached = client.AskAsync(Request);
        var otherUser = await client.AskAsync(Request with { User = "bob" }).WaitAsync(Poll.DefaultTimeout);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var lapsed = await client.AskAsync(Request).WaitAsync(Poll.DefaultTimeout);

        Assert.That(cached.IsCompletedSuccessfully && cached.Result.Allow, Is.True, "answered at once from the cache");
        Assert.That((otherUser.Allow, lapsed.Allow, hook.Requests.Count), Is.EqualTo((false, false, 3)));
    }
}
