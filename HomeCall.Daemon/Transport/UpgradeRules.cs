using System.Net;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Transport;

/// <summary>What <see cref="RequestRouter"/> derives from one settings snapshot, built once per reload, not per request.</summary>
internal sealed class UpgradeRules(DaemonOptions options)
{
    private readonly HashSet<string> _origins = new(options.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<IPAddress> TrustedProxies { get; } = options.TrustedProxies.Select(IPAddress.Parse).ToArray();

    public bool RequireForwardedTls { get; } = options.RequireForwardedTls;

    public bool SelfTestPage { get; } = options.SelfTestPage;

    /// <summary>docs/protocol.md §2.2: an empty ALLOWED_ORIGINS allows any Origin; a trailing '/' is ignored on both sides.</summary>
    public bool AllowsOrigin(string origin) => _origins.Count == 0 || _origins.Contains(origin.TrimEnd('/'));
}
