using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.Config;

public sealed class OptionsBinderTests
{
    private static BindResult Bind(params (string Key, string Value)[] values) =>
        OptionsBinder.Bind(values.ToDictionary(v => v.Key, v => v.Value));

    private static IEnumerable<TestCaseData> InvalidValues()
    {
        (string Key, string Value)[] cases =
        [
            ("WS_HOST", "example.com"), ("WS_PORT", "abc"), ("WS_PORT", "65536"), ("WS_PORT", "-1"),
            ("MAX_MESSAGE_BYTES", "100"), ("MAX_ROOM_USERS", "0"), ("MAX_ROOM_USERS", "1"),
            ("RATE_LIMIT_PER_SEC", "0"), ("RATE_LIMIT_BURST", "x"), ("MAX_CONNECTIONS", "0"),
            ("MAX_CONNECTIONS_PER_IP", "0"), ("MAX_SEND_QUEUE_BYTES", "10"), ("SEND_TIMEOUT_MS", "5"),
            ("PING_INTERVAL_MS", "99"), ("SHUTDOWN_GRACE_MS", "-5"), ("ROOM_TIMEOUT_MS", "1.5"),
            ("ENDED_SESSION_TTL_MS", "forever"), ("JOIN_FAILURES_PER_MIN", "0"), ("MAX_QUEUED_MESSAGES", "0"),
            ("MAX_QUEUED_BYTES", "1"), ("HANDSHAKE_TIMEOUT_MS", "99999999999"), ("MAX_PENDING_HANDSHAKES", "0"),
            ("TRUSTED_PROXIES", "127.0.0.1,proxy.local"), ("REQUIRE_FORWARDED_TLS", "maybe"),
            ("ALLOWED_ORIGINS", "homecall.test"), ("ALLOWED_ORIGINS", "https://call.example/app"),
            ("ALLOWED_ORIGINS", "https://user@call.example"), ("ALLOWED_ORIGINS", "https://call.example:port"),
            ("ERROR_LANGUAGE", "de"), ("SELFTEST_PAGE", "2"), ("LOG_RETAINED_FILES", "0"), ("LOG_LEVEL", "loud"),
        ];
        return cases.Select(c => new TestCaseData(c.Key, c.Value).SetName($"Bind_{c.Key}Is'{c.Value}'_ErrorNamesKeyAndValue"));
    }

    [TestCaseSource(nameof(InvalidValues))]
    public void Bind_InvalidValue_ErrorNamesKeyAndValue(string key, string value)
    {
        var result = Bind((key, value));

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0], Does.StartWith(key + " must"));
        Assert.That(result.Errors[0], Does.Contain(key == "TRUSTED_PROXIES" ? "'proxy.local'" : $"'{value}'"));
    }

    [TestCase("https://call.example.org")]
    [TestCase("http://127.0.0.1:8080")]
    [TestCase("https://[::1]:8443")]
    [TestCase("app://localhost")]
    [TestCase("https://call.example.org/")]
    public void Bind_OriginSchemeHostPort_Accepted(string origin)
    {
        var result = Bind(("ALLOWED_ORIGINS", "https://a.example," + origin));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Options.AllowedOrigins, Is.EqualTo((string[])["https://a.example", origin]));
    }

    [Test]
    public void Bind_OriginWithoutScheme_ErrorShowsTheExpectedForm()
    {
        var result = Bind(("ALLOWED_ORIGINS", "https://a.example,homecall.test"));

        Assert.That(result.Errors, Is.EqualTo(new[]
        {
            "ALLOWED_ORIGINS must list origins as scheme://host[:port], such as https://call.example.org (got 'homecall.test')",
        }));
    }

    [Test]
    public void Bind_SeveralInvalidValues_ReportsEveryOneAtOnce()
    {
        var result = Bind(("WS_PORT", "abc"), ("MAX_ROOM_USERS", "0"), ("LOG_LEVEL", "loud"), ("WS_HOST", "nowhere"));

        Assert.That(result.Errors, Has.Count.EqualTo(4));
        Assert.That(result.Errors, Has.Some.StartsWith("WS_PORT must be a whole number 0-65535 (got 'abc')"));
        Assert.That(result.Errors, Has.Some.StartsWith("MAX_ROOM_USERS must be a whole number 2-1000 (got '0')"));
        Assert.That(result.Errors, Has.Some.StartsWith("LOG_LEVEL must be one of"));
        Assert.That(result.Errors, Has.Some.StartsWith("WS_HOST must be an IP address"));
    }

    [Test]
    public void Bind_QueuesSmallerThanOneMessage_BothNamedWithTheMinimum()
    {
        var result = Bind(("MAX_MESSAGE_BYTES", "65536"), ("MAX_SEND_QUEUE_BYTES", "65536"), ("MAX_QUEUED_BYTES", "2048"));

        Assert.That(result.Errors, Has.Count.EqualTo(2));
        Assert.That(result.Errors, Has.Some.StartsWith("MAX_SEND_QUEUE_BYTES must be at least 2 x MAX_MESSAGE_BYTES + 1024 (132096)"));
        Assert.That(result.Errors, Has.Some.StartsWith("MAX_QUEUED_BYTES must be at least 2 x MAX_MESSAGE_BYTES + 1024 (132096)"));
    }

    [Test]
    public void Bind_SessionQueueLargerThanSendQueue_Refused()
    {
        var result = Bind(("MAX_SEND_QUEUE_BYTES", "200000"), ("MAX_QUEUED_BYTES", "400000"));

        Assert.That(result.Errors.Single(), Does.StartWith("MAX_QUEUED_BYTES must not exceed MAX_SEND_QUEUE_BYTES (200000)"));
    }

    [Test]
    public void Bind_EveryKeyWithValidValue_SetsEveryOption()
    {
        var result = Bind(
            ("WS_HOST", "::"), ("WS_PORT", " 9000 "), ("MAX_MESSAGE_BYTES", "2048"), ("MAX_ROOM_USERS", "2"),
            ("RATE_LIMIT_PER_SEC", "7"), ("RATE_LIMIT_BURST", "8"), ("MAX_CONNECTIONS", "9"), ("MAX_CONNECTIONS_PER_IP", "3"),
            ("MAX_SEND_QUEUE_BYTES", "8192"), ("SEND_TIMEOUT_MS", "100"), ("PING_INTERVAL_MS", "250"),
            ("SHUTDOWN_GRACE_MS", "0"), ("ROOM_TIMEOUT_MS", "1000"), ("ENDED_SESSION_TTL_MS", "0"),
            ("JOIN_FAILURES_PER_MIN", "4"), ("MAX_QUEUED_MESSAGES", "5"), ("MAX_QUEUED_BYTES", "5120"),
            ("HANDSHAKE_TIMEOUT_MS", "300"), ("MAX_PENDING_HANDSHAKES", "6"),
            ("ALLOWED_ORIGINS", " https://a.example , https://b.example ,"), ("TRUSTED_PROXIES", ""),
            ("REQUIRE_FORWARDED_TLS", "yes"), ("ERROR_LANGUAGE", "RU"), ("SELFTEST_PAGE", "off"),
            ("ADMIN_TOKEN", "s3cret"), ("FINGERPRINT_KEY_FILE", "/srv/fp.key"), ("LOG_DIR", "/var/log/homecall"), ("LOG_RETAINED_FILES", "30"), ("LOG_LEVEL", "info"));

        Assert.That(result.Errors, Is.Empty);
        var o = result.Options;
        Assert.That((o.Host, o.Port, o.MaxMessageBytes, o.MaxRoomUsers), Is.EqualTo(("::", 9000, 2048, 2)));
        Assert.That((o.RateLimitPerSecond, o.RateLimitBurst, o.MaxConnections, o.MaxConnectionsPerIp), Is.EqualTo((7, 8, 9, 3)));
        Assert.That((o.MaxSendQueueBytes, o.SendTimeout, o.PingInterval), Is.EqualTo((8192, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250))));
        Assert.That((o.ShutdownGrace, o.RoomTimeout, o.EndedSessionTtl), Is.EqualTo((TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.Zero)));
        Assert.That((o.JoinFailuresPerMinute, o.MaxQueuedMessages, o.MaxQueuedBytes, o.MaxPendingHandshakes), Is.EqualTo((4, 5, 5120, 6)));
        Assert.That(o.HandshakeTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
        Assert.That(o.AllowedOrigins, Is.EqualTo((string[])["https://a.example", "https://b.example"]));
        Assert.That(o.TrustedProxies, Is.Empty);
        Assert.That((o.RequireForwardedTls, o.ErrorLanguage, o.SelfTestPage), Is.EqualTo((true, ErrorLanguage.Russian, false)));
        Assert.That((o.AdminToken, o.LogDir, o.LogRetainedFiles, o.LogLevel), Is.EqualTo(("s3cret", "/var/log/homecall", 30, "information")));
        Assert.That(o.FingerprintKeyFile, Is.EqualTo("/srv/fp.key"));
    }

    [Test]
    public void Bind_CommentedDefaultsOfShippedEnvFile_EqualBuiltInDefaults()
    {
        // homecall.env documents each default as "#KEY=value"; uncommented, they must change nothing.
        var lines = File.ReadAllLines(Path.Combine(TestSupport.RepoPaths.Root, "homecall.env"))
            .Where(l => l.Length > 1 && l[0] == '#' && char.IsAsciiLetterUpper(l[1]) && l.Contains('=', StringComparison.Ordinal))
            .Select(l => l[1..]);
        var file = EnvFileParser.Parse(string.Join('\n', lines));

        var result = OptionsBinder.Bind(file.Values);

        Assert.That(file.Errors, Is.Empty);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(file.Values.Keys, Is.SupersetOf(SettingKeys.All));
        Assert.That(OptionsPrinter.Render(result.Options), Is.EqualTo(OptionsPrinter.Render(new DaemonOptions())));
    }
}
