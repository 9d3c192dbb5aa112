using System.Net;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Says once, as a warning, that a request carried X-Forwarded-For from a peer that is not a
/// trusted proxy while TRUSTED_PROXIES is empty (the default): a proxy in front of the daemon
/// that the admin forgot to trust would otherwise make every client look like the proxy to the
/// per-IP limits, silently (docs/security.md). With proxies configured, headers from other
/// peers are ignored without a word: that is the point of the setting.
/// </summary>
internal sealed class UntrustedForwardingLog(bool noTrustedProxies, ILogger log)
{
    private int _warned;

    public void Seen(HttpRequestHead head, IPAddress peer)
    {
        if (noTrustedProxies && Volatile.Read(ref _warned) == 0 && head.Count(HeaderName.XForwardedFor) > 0 && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            log.Warning(
                "X-Forwarded-For from {Peer} ignored: TRUSTED_PROXIES is empty, so per-IP limits count the proxy's address for every client; set TRUSTED_PROXIES to the proxy's address (127.0.0.1,::1 for a proxy on this host)",
                ClientAddress.Normalize(peer));
        }
    }
}
