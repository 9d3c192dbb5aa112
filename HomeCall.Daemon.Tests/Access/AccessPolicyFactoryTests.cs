using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;
using Serilog;

namespace HomeCall.Daemon.Tests.Access;

/// <summary>What a reload does to the access policy: nothing when nothing changed, a new webhook client (empty cache) when an AUTH_WEBHOOK_* setting did.</summary>
public sealed class AccessPolicyFactoryTests
{
    private static readonly DaemonOptions WithHook = new() { AuthWebhookUrl = "http://127.0.0.1:9/hook" };

    private static AccessPolicyFactory Factory() => new(new FakeTimeProvider(), new LoggerConfiguration().CreateLogger());

    private static RoomSecret Secret(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    [Test]
    public void Rebuild_NothingChanged_NullSoTheCacheStays()
    {
        using var factory = Factory();
        var running = factory.Build(WithHook, Secret(TestTokens.Secret));

        Assert.That(factory.Rebuild(running, WithHook with { }, Secret(TestTokens.Secret)), Is.Null);
    }

    [Test]
    public void Rebuild_OnlyTheSecretChanged_SameWebhookClientNewSecret()
    {
        using var factory = Factory();
        var running = factory.Build(WithHook, Secret(TestTokens.Secret));

        var next = factory.Rebuild(running, WithHook, Secret(TestTokens.OtherSecret));

        Assert.That(next!.Webhook, Is.SameAs(running.Webhook));
        Assert.That(next.Secret.SameAs(Secret(TestTokens.OtherSecret)), Is.True);
    }

    [TestCase("http://127.0.0.1:9/other", 3000, 10000)]
    [TestCase("http://127.0.0.1:9/hook", 500, 10000)]
    [TestCase("http://127.0.0.1:9/hook", 3000, 0)]
    public void Rebuild_AWebhookSettingChanged_NewClient(string url, int timeoutMs, int cacheMs)
    {
        using var factory = Factory();
        var running = factory.Build(WithHook, new RoomSecret(null));

        var next = factory.Rebuild(running, WithHook with { AuthWebhookUrl = url, AuthWebhookTimeout = TimeSpan.FromMilliseconds(timeoutMs), AuthWebhookCache = TimeSpan.FromMilliseconds(cacheMs) }, new RoomSecret(null));

        Assert.That(next!.Webhook, Is.Not.Null.And.Not.SameAs(running.Webhook));
    }

    [Test]
    public void Rebuild_SecretAndWebhookEmptied_Off()
    {
        using var factory = Factory();
        var running = factory.Build(WithHook, Secret(TestTokens.Secret));

        var next = factory.Rebuild(running, new DaemonOptions(), new RoomSecret(null));

        Assert.That(next!.IsOn, Is.False);
    }
}
