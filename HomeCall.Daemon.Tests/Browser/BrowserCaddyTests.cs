using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>Calls and the self-test page in Chromium through deploy/caddy/Caddyfile.</summary>
[NonParallelizable]
public sealed class BrowserCaddyTests : BrowserProxyTests
{
    private protected override IProxyServer Server { get; } = new CaddyServer();
}
