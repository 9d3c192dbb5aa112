using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>The client's address and quiet tunnels through deploy/nginx/homecall.conf.</summary>
[NonParallelizable]
public sealed class NginxTunnelTests : ProxyTunnelTests
{
    private protected override IProxyServer Server { get; } = new NginxServer();
}
