using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// An in-process daemon behind a test proxy running its real deploy/ sample. Stopping
/// takes the daemon down first: its shutdown closes every tunnel from the backend side,
/// so the proxy then stops at once (an Apache worker inside an open tunnel ignores SIGTERM
/// until the tunnel ends or the parent kills it seconds later).
/// </summary>
internal sealed class ProxiedDaemon : IAsyncDisposable
{
    private ProxiedDaemon(TestServer daemon, ReverseProxy proxy)
    {
        Daemon = daemon;
        Proxy = proxy;
    }

    public TestServer Daemon { get; }

    public ReverseProxy Proxy { get; }

    /// <summary>
    /// Starts both; <paramref name="serverTimeout"/> see <see cref="ProxySite"/>. The daemon trusts
    /// the proxy on loopback as the shipped systemd unit sets it up (TRUSTED_PROXIES=127.0.0.1,::1).
    /// </summary>
    public static async Task<ProxiedDaemon> StartAsync(IProxyServer server, DaemonOptions options, TimeSpan? serverTimeout = null)
    {
        SystemTools.Require(server.Tool, server.Tool);
        var daemon = TestServer.Start(options with { TrustedProxies = ["127.0.0.1", "::1"] });
        try
        {
            return new ProxiedDaemon(daemon, await ReverseProxy.StartAsync(server, daemon.Endpoint.Port, serverTimeout));
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Daemon.DisposeAsync();
        }
        finally
        {
            await Proxy.DisposeAsync();
        }
    }
}
