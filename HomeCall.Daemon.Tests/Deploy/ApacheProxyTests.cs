using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>Calls, ops endpoints and the /ws redirect through deploy/apache/homecall.conf.</summary>
[NonParallelizable]
public sealed class ApacheProxyTests : ProxyCallTests
{
    private protected override IProxyServer Server { get; } = new ApacheServer();
}
