using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// An in-process daemon behind a test Apache running the real site snippet. Stopping
/// takes the daemon down first: its shutdown closes every tunnel from the backend side,
/// so Apache then stops at once (an Apache worker inside an open tunnel ignores SIGTERM
/// until the tunnel ends or the parent kills it seconds later).
/// </summary>
internal sealed class ProxiedDaemon : IAsyncDisposable
{
    private ProxiedDaemon(TestServer daemon, ApacheProxy apache)
    {
        Daemon = daemon;
        Apache = apache;
    }

    public TestServer Daemon { get; }

    public ApacheProxy Apache { get; }

    /// <summary>
    /// Starts both; <paramref name="apacheTimeout"/> sets Apache's global Timeout. The daemon trusts
    /// Apache on loopback as the shipped systemd unit sets it up (TRUSTED_PROXIES=127.0.0.1,::1).
    /// </summary>
    public static async Task<ProxiedDaemon> StartAsync(DaemonOptions options, TimeSpan? apacheTimeout = null)
    {
        SystemTools.Require("apache2", "apache2");
        var daemon = TestServer.Start(options with { TrustedProxies = ["127.0.0.1", "::1"] });
        try
        {
            return new ProxiedDaemon(daemon, await ApacheProxy.StartAsync(daemon.Endpoint.Port, apacheTimeout));
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
            await Apache.DisposeAsync();
        }
    }
}
