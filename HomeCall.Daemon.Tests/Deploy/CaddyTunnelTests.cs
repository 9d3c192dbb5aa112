using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>The client's address and quiet tunnels through deploy/caddy/Caddyfile.</summary>
[NonParallelizable]
public sealed class CaddyTunnelTests : ProxyTunnelTests
{
    private protected override IProxyServer Server { get; } = new CaddyServer();
}
