using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

/// <summary>The access settings' rules (docs/protocol.md §12): one secret source, 16 characters or more, an http(s) webhook URL.</summary>
public sealed class AccessRulesTests
{
    private static BindResult Bind(params (string Key, string Value)[] values) =>
        OptionsBinder.Bind(values.ToDictionary(v => v.Key, v => v.Value));

    [Test]
    public void Bind_SecretAndSecretFile_RefusedNamingBoth() =>
        Assert.That(Bind(("ROOM_SECRET", "0123456789abcdef"), ("ROOM_SECRET_FILE", "/etc/homecall/room.secret")).Errors,
            Is.EqualTo(new[] { "ROOM_SECRET and ROOM_SECRET_FILE are both set: set one" }));

    [Test]
    public void Bind_SecretOf15Characters_RefusedWithTheFix()
    {
        Assert.That(Bind(("ROOM_SECRET", "0123456789abcde")).Errors.Single(), Does.StartWith("ROOM_SECRET must have at least 16 characters"));
        Assert.That(Bind(("ROOM_SECRET", "0123456789abcdef")).Errors, Is.Empty);
    }

    [TestCase("ftp://hook.example.org/")]
    [TestCase("/relative/hook")]
    [TestCase("http//user:pass@missing-colon")]
    public void Bind_WebhookUrlNotHttp_RefusedWithoutEchoingIt(string url)
    {
        var error = Bind(("AUTH_WEBHOOK_URL", url)).Errors.Single();

        Assert.That(error, Is.EqualTo("AUTH_WEBHOOK_URL must be an absolute http:// or https:// URL"));
    }

    [Test]
    public void Bind_Defaults_AccessOffAndAggregatesSet()
    {
        var options = Bind().Options;

        Assert.That(
            (options.RoomSecret, options.RoomSecretFile, options.AuthWebhookUrl, options.AuthWebhookTimeout.TotalMilliseconds, options.AuthWebhookCache.TotalMilliseconds, options.JoinFailuresPerMinuteIpv4Net, options.JoinFailuresPerMinuteIpv6Net),
            Is.EqualTo(("", "", "", 3000d, 10000d, 100, 40)));
    }

    [Test]
    public void Render_SecretAndWebhookUrl_Masked()
    {
        var text = OptionsPrinter.Render(Bind(("ROOM_SECRET", "0123456789abcdef"), ("AUTH_WEBHOOK_URL", "https://hook.example.org/?key=k")).Options);

        Assert.That(text, Does.Not.Contain("0123456789abcdef").And.Not.Contain("key=k"));
    }
}
