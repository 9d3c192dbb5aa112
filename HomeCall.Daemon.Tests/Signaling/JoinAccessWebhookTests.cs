using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>
/// AUTH_WEBHOOK_URL in every dialect (docs/protocol.md §12.4): the join waits for the answer;
/// allow joins (and hands the client the webhook's iceServers), deny, no answer in time and a
/// webhook that is down are `forbidden` with nothing registered.
/// </summary>
public sealed class JoinAccessWebhookTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static HubHarness Harness(string url, string? secret = null) =>
        new(new DaemonOptions { AuthWebhookUrl = url, AuthWebhookTimeout = Timeout, RoomSecret = secret ?? "" });

    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public async Task Join_WebhookAllows_JoinedAfterTheAnswerThenIceServers(string dialect)
    {
        await using var hook = new WebhookServer("""{"allow":true,"iceServers":[{"urls":"stun:s.example.org"}]}""") { Held = new TaskCompletionSource() };
        using var h = Harness(hook.Url);
        var d = JoinAttempts.Parse(dialect);

        var client = JoinAttempts.Attempt(h, d, null);
        await Poll.UntilAsync(() => !hook.Requests.IsEmpty, "the webhook to be asked");
        Assert.That((JoinAttempts.Joined(h, d), client.Count), Is.EqualTo((false, 0)));
        Assert.That(client.Session.Pending, Is.Not.Null, "the join waits for the answer");
        hook.Held!.SetResult();
        await client.SettleAsync();

        Assert.That(JoinAttempts.Joined(h, d), Is.True, string.Join(" | ", client.Sent));
        Assert.That(client.Sent[^1], Is.EqualTo("""{"type":"ice-servers","iceServers":[{"urls":"stun:s.example.org"}]}"""));
        Assert.That(client.Session.Pending, Is.Null);
    }

    /// <summary>docs/protocol.md §12.4: the hook's list does not replace the configured servers of §3.8; it follows them.</summary>
    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public async Task Join_WebhookAllowsWithStunConfigured_ConfiguredIceServersThenTheHooks(string dialect)
    {
        await using var hook = new WebhookServer("""{"allow":true,"iceServers":[{"urls":"stun:s.example.org"}]}""");
        using var h = new HubHarness(new DaemonOptions { AuthWebhookUrl = hook.Url, AuthWebhookTimeout = Timeout, StunUrls = ["stun:configured.example.org"] });
        var d = JoinAttempts.Parse(dialect);

        var client = JoinAttempts.Attempt(h, d, null);
        await client.SettleAsync();

        var iceServers = client.Sent.Where(m => m.StartsWith("""{"type":"ice-servers",""", StringComparison.Ordinal)).ToList();
        Assert.That(iceServers, Has.Count.EqualTo(2), string.Join(" | ", client.Sent));
        Assert.That(iceServers[0], Does.Contain("stun:configured.example.org").And.Contain("expiresAt"));
        Assert.That(client.Sent[^1], Is.EqualTo("""{"type":"ice-servers","iceServers":[{"urls":"stun:s.example.org"}]}"""));
    }

    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public async Task Join_WebhookDenies_Forbidden(string dialect)
    {
        await using var hook = new WebhookServer("""{"allow":false}""");
        using var h = Harness(hook.Url);
        var d = JoinAttempts.Parse(dialect);

        var client = JoinAttempts.Attempt(h, d, null);
        await client.SettleAsync();

        JoinAttempts.AssertRefused(client, d, "forbidden");
        Assert.That(h.RoomCount(), Is.Zero);
    }

    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public async Task Join_WebhookSilentPastTimeout_Forbidden(string dialect)
    {
        await using var hook = new WebhookServer { Hang = true };
        using var h = Harness(hook.Url);
        var d = JoinAttempts.Parse(dialect);

        var client = JoinAttempts.Attempt(h, d, null);
        await Poll.UntilAsync(() => !hook.Requests.IsEmpty, "the webhook to be asked");
        h.Advance(Timeout);
        await client.SettleAsync();

        JoinAttempts.AssertRefused(client, d, "forbidden");
        Assert.That(h.RoomCount(), Is.Zero);
    }

    [TestCaseSource(typeof(JoinAttempts), nameof(JoinAttempts.Dialects))]
    public async Task Join_WebhookDown_Forbidden(string dialect)
    {
        using var h = Harness(WebhookServer.DownUrl());
        var d = JoinAttempts.Parse(dialect);

        var client = JoinAttempts.Attempt(h, d, null);
        await client.SettleAsync();

        JoinAttempts.AssertRefused(client, d, "forbidden");
        Assert.That(h.RoomCount(), Is.Zero);
    }

    [Test]
    public async Task Join_ValidTokenWithWebhookSet_JoinedWithoutAsking()
    {
        await using var hook = new WebhookServer("""{"allow":false}""");
        using var h = Harness(hook.Url, TestTokens.Secret);

        JoinAttempts.Attempt(h, Dialect.Homecall, TestTokens.Sign(Dialect.Homecall, "garden"));

        Assert.That(JoinAttempts.Joined(h, Dialect.Homecall), Is.True);
        Assert.That(hook.Requests, Is.Empty);
    }

    [Test]
    public async Task Join_InvalidTokenWithWebhookSet_WebhookToldTheRequest()
    {
        await using var hook = new WebhookServer("""{"allow":true}""");
        using var h = Harness(hook.Url, TestTokens.Secret);

        var client = JoinAttempts.Attempt(h, Dialect.Session, "household-sso-ticket");
        await client.SettleAsync();

        Assert.That(JoinAttempts.Joined(h, Dialect.Session), Is.True);
        Assert.That(hook.Requests.Single().GetRawText(), Is.EqualTo(
            "{\"dialect\":\"session\",\"roomFingerprint\":\"" + TestFingerprints.Of(Dialect.Session, JoinAttempts.SessionId)
            + "\",\"room\":\"" + JoinAttempts.SessionId + "\",\"user\":\"alice\",\"ip\":\"127.0.0.1\",\"origin\":null,\"token\":\"household-sso-ticket\"}"));
    }

    [Test]
    public async Task Join_AnsweredFromCache_JoinedAtOnce()
    {
        await using var hook = new WebhookServer("""{"allow":true}""");
        using var h = Harness(hook.Url);
        var first = JoinAttempts.Attempt(h, Dialect.Homecall, null);
        await first.SettleAsync();
        first.Disconnect();

        var second = JoinAttempts.Attempt(h, Dialect.Homecall, null);

        Assert.That(second.Session.Pending, Is.Null);
        Assert.That(JoinAttempts.Joined(h, Dialect.Homecall), Is.True);
        Assert.That(hook.Requests, Has.Count.EqualTo(1));
    }
}
