using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>With TRUSTED_PROXIES empty (the default), X-Forwarded-For is ignored and the first one seen is warned about, once.</summary>
public sealed class UntrustedForwardingLogTests
{
    private const string Warning = "X-Forwarded-For from";

    [Test]
    public async Task Upgrade_ForwardedForWithDefaultSettings_IgnoredAndWarnedOnce()
    {
        await using var server = TestServer.Start();
        const string Forwarded = "X-Forwarded-For: 203.0.113.9\r\n";

        await using (var first = await RawWsConnection.UpgradeAsync(server.Endpoint, extraHeaders: Forwarded))
        await using (var second = await RawWsConnection.UpgradeAsync(server.Endpoint, extraHeaders: Forwarded))
        {
            await Poll.UntilAsync(() => server.Logs.Lines.Count(l => l.StartsWith("Connection opened", StringComparison.Ordinal)) == 2, "both opened");
        }

        var lines = server.Logs.Lines.ToArray();
        Assert.That(lines.Count(l => l.Contains(Warning, StringComparison.Ordinal)), Is.EqualTo(1), string.Join('\n', lines));
        Assert.That(lines.Where(l => l.StartsWith("Connection opened", StringComparison.Ordinal)), Is.All.Contains("127.0.0.1"), "the socket's address counts, not the header's");
        Assert.That(lines, Has.Some.Contains("TRUSTED_PROXIES is empty"), "said at start too");
    }

    [Test]
    public async Task Upgrade_ForwardedForFromATrustedProxy_NoWarning()
    {
        await using var server = TestServer.Start(new HomeCall.Daemon.Config.DaemonOptions { TrustedProxies = ["127.0.0.1"] });

        await using (var client = await RawWsConnection.UpgradeAsync(server.Endpoint, extraHeaders: "X-Forwarded-For: 203.0.113.9\r\n"))
        {
            await Poll.UntilAsync(() => server.Logs.Lines.Any(l => l.Contains("203.0.113.9", StringComparison.Ordinal)), "opened for the forwarded client");
        }

        Assert.That(server.Logs.Lines, Has.None.Contains(Warning));
    }
}
