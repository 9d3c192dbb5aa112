using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

public sealed class IceSettingsRulesTests
{
    private static BindResult Bind(params (string Key, string Value)[] values) =>
        OptionsBinder.Bind(values.ToDictionary(v => v.Key, v => v.Value));

    [Test]
    public void Bind_StunTurnAndSecret_ReadsEveryValue()
    {
        var result = Bind(
            ("STUN_URLS", "stun:stun.example.org, stun:192.0.2.1:3478"),
            ("TURN_URLS", "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349?transport=tcp"),
            ("TURN_SECRET", "north-wind"),
            ("TURN_TTL_S", "3600"));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options.StunUrls, Is.EqualTo(new[] { "stun:stun.example.org", "stun:192.0.2.1:3478" }));
        Assert.That(result.Options.TurnUrls, Has.Count.EqualTo(2));
        Assert.That(result.Options.TurnSecret, Is.EqualTo("north-wind"));
        Assert.That(result.Options.TurnTtlSeconds, Is.EqualTo(3600));
    }

    [Test]
    public void Bind_TurnUrlWithoutSecret_ErrorSaysToSetTheSecret()
    {
        var result = Bind(("TURN_URLS", "turn:turn.example.org"));

        Assert.That(result.Errors, Is.EqualTo(new[]
        {
            "TURN_URLS is set but TURN_SECRET and TURN_SECRET_FILE are empty: set coturn's static-auth-secret in one of them (docs/turn.md)",
        }));
    }

    [TestCase("TURN_SECRET", "north-wind")]
    [TestCase("TURN_SECRET_FILE", "/etc/homecall/turn-secret")]
    public void Bind_SecretWithoutTurnUrl_ErrorNamesTheSecretSetting(string key, string value)
    {
        var result = Bind((key, value));

        Assert.That(result.Errors, Is.EqualTo(new[] { $"{key} is set but TURN_URLS is empty: list the TURN server's turn: URLs" }));
    }

    [Test]
    public void Bind_SecretAndSecretFileBothSet_ErrorSaysKeepOne()
    {
        var result = Bind(("TURN_URLS", "turn:turn.example.org"), ("TURN_SECRET", "north-wind"), ("TURN_SECRET_FILE", "/etc/homecall/turn-secret"));

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0], Does.StartWith("TURN_SECRET and TURN_SECRET_FILE are both set: keep one"));
        Assert.That(result.Errors[0], Does.Not.Contain("north-wind"));
    }

    [Test]
    public void Bind_EmptySecretBesideSecretFile_FileIsTheSecret()
    {
        // An uncommented but empty TURN_SECRET= line is not a second secret.
        var result = Bind(("TURN_URLS", "turn:turn.example.org"), ("TURN_SECRET", ""), ("TURN_SECRET_FILE", "/etc/homecall/turn-secret"));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Bind_UrlsInTheWrongListOrInvalid_EveryOneNamed()
    {
        var result = Bind(("STUN_URLS", "turn:a.example,stun:"), ("TURN_URLS", "stun:b.example,turn:c.example?transport=sctp"), ("TURN_SECRET", "s"));

        Assert.That(result.Errors, Is.EqualTo(new[]
        {
            "STUN_URLS takes only stun: and stuns: URLs (got 'turn:a.example'; TURN_URLS is for those)",
            "STUN_URLS has an invalid URL 'stun:': the host is missing",
            "TURN_URLS takes only turn: and turns: URLs (got 'stun:b.example'; STUN_URLS is for those)",
            "TURN_URLS has an invalid URL 'turn:c.example?transport=sctp': transport must be udp or tcp",
        }));
    }

    [TestCase("59")]
    [TestCase("604801")]
    [TestCase("1d")]
    public void Bind_TtlOutOfRange_ErrorNamesTheRange(string ttl)
    {
        var result = Bind(("TURN_TTL_S", ttl));

        Assert.That(result.Errors, Is.EqualTo(new[] { $"TURN_TTL_S must be a whole number 60-604800 (got '{ttl}')" }));
    }

    [Test]
    public void Render_TurnSecretSet_MaskedAndOtherIceSettingsShown()
    {
        var text = OptionsPrinter.Render(new DaemonOptions { TurnUrls = ["turn:turn.example.org"], TurnSecret = "north-wind-secret" });

        Assert.That(text, Does.Contain("\nTURN_SECRET=" + OptionsPrinter.Masked + "\n"));
        Assert.That(text, Does.Contain("\nTURN_URLS=turn:turn.example.org\n"));
        Assert.That(text, Does.Contain("\nTURN_TTL_S=86400\n"));
        Assert.That(text, Does.Not.Contain("north-wind"));
    }
}
