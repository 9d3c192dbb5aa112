using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>Calls, ops endpoints and the /ws redirect through deploy/nginx/homecall.conf.</summary>
[NonParallelizable]
public sealed class NginxProxyTests : ProxyCallTests
{
    private protected override IProxyServer Server { get; } = new NginxServer();
}
