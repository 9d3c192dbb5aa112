using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>Calls, ops endpoints and the /ws redirect through deploy/caddy/Caddyfile.</summary>
[NonParallelizable]
public sealed class CaddyProxyTests : ProxyCallTests
{
    private protected override IProxyServer Server { get; } = new CaddyServer();
}
