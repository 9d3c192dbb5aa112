namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Debian's Caddy in the foreground: global options that keep it off the network and off
/// fixed ports, then deploy/caddy/Caddyfile with only its site address (name and port), its
/// TLS line (the test's certificate instead of automatic HTTPS) and the daemon's port swapped.
/// </summary>
internal sealed class CaddyServer : IProxyServer
{
    /// <summary>The sample's commented-out own-certificate line, which the test makes real.</summary>
    private const string SampleTlsLine = "# tls /etc/ssl/homecall/fullchain.pem /etc/ssl/homecall/privkey.pem";

    public string Tool => "caddy";

    public string LogFile => "caddy.log";

    public IReadOnlyDictionary<string, string> Configs(ProxySite site) =>
        new Dictionary<string, string> { ["Caddyfile"] = Global(site) + Site(site) };

    public string[] Arguments(ProxySite site) => ["run", "--config", site.File("Caddyfile"), "--adapter", "caddyfile"];

    private static string Site(ProxySite site) => DeploySample.Render(
        site,
        "caddy",
        "Caddyfile",
        ("call.example.org {", $"https://127.0.0.1:{site.Port} {{"),
        (SampleTlsLine, $"tls {site.Certificate.CertificatePath} {site.Certificate.KeyPath}"),
        ("reverse_proxy 127.0.0.1:8080", $"reverse_proxy 127.0.0.1:{site.BackendPort}"));

    /// <summary>
    /// No admin endpoint (port 2019), no automatic HTTPS (ACME, the :80 redirect server, the
    /// local CA and its trust-store install), loopback only, TCP only (no HTTP/3 on UDP). The
    /// server timeout is the server's own read, write and idle timeouts, which a tunnel must outlive.
    /// </summary>
    private string Global(ProxySite site)
    {
        var timeouts = site.ServerTimeoutSeconds is { } s
            ? $"timeouts {{\n\t\t\tread_body {s}s\n\t\t\tread_header {s}s\n\t\t\twrite {s}s\n\t\t\tidle {s}s\n\t\t}}"
            : "";
        return $$"""
            {
            	admin off
            	auto_https off
            	skip_install_trust
            	default_bind 127.0.0.1
            	servers {
            		protocols h1 h2
            		{{timeouts}}
            	}
            	log {
            		output file {{site.File(LogFile)}}
            	}
            }

            """;
    }
}
