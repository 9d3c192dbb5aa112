using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>Calls and the self-test page in Chromium through deploy/apache/homecall.conf.</summary>
[NonParallelizable]
public sealed class BrowserApacheTests : BrowserProxyTests
{
    private protected override IProxyServer Server { get; } = new ApacheServer();
}
