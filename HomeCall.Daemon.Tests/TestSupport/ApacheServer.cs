using System.Globalization;
using System.Text;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Debian's Apache httpd: the server-wide part (what Debian's apache2.conf, ports.conf and
/// a2enmod provide on a server) around an Include of the real deploy/apache/homecall.conf,
/// which the Defines point at the test's port, certificate and daemon.
/// </summary>
internal sealed class ApacheServer : IProxyServer
{
    private const string Modules = "/usr/lib/apache2/modules";

    public string Tool => "apache2";

    public string LogFile => "error.log";

    public IReadOnlyDictionary<string, string> Configs(ProxySite site) =>
        new Dictionary<string, string> { ["httpd.conf"] = Render(site) };

    public string[] Arguments(ProxySite site) => ["-f", site.File("httpd.conf"), "-DFOREGROUND"];

    private string Render(ProxySite site)
    {
        var directory = site.Directory;
        var c = new StringBuilder();
        Line(c, $"ServerRoot \"{directory}\"");
        Line(c, "ServerName localhost");
        Line(c, $"PidFile \"{directory}/httpd.pid\"");
        Line(c, $"ErrorLog \"{site.File(LogFile)}\"");
        Line(c, "LogLevel warn");
        Line(c, $"DefaultRuntimeDir \"{directory}\"");
        Line(c, $"Listen 127.0.0.1:{site.Port}");
        if (Environment.UserName == "root")
        {
            // Apache refuses to serve as root; its workers become nobody (the key is read before that).
            Line(c, "User #65534");
            Line(c, "Group #65534");
        }

        if (site.ServerTimeoutSeconds is { } seconds)
        {
            Line(c, $"Timeout {seconds}");
        }

        Line(c, "StartServers 1");
        Line(c, "ServerLimit 2");
        Line(c, "ThreadsPerChild 25");
        Line(c, "MaxRequestWorkers 50");
        foreach (var (name, file) in new[]
        {
            ("mpm_event_module", "mod_mpm_event.so"), ("authz_core_module", "mod_authz_core.so"),
            ("ssl_module", "mod_ssl.so"), ("socache_shmcb_module", "mod_socache_shmcb.so"),
            ("proxy_module", "mod_proxy.so"), ("proxy_http_module", "mod_proxy_http.so"),
            ("headers_module", "mod_headers.so"), ("alias_module", "mod_alias.so"),
        })
        {
            Line(c, $"LoadModule {name} {Modules}/{file}");
        }

        Line(c, $"SSLSessionCache \"shmcb:{directory}/ssl_scache(512000)\"");
        Line(c, $"Define WS_PORT {site.BackendPort}");
        Line(c, "Define HOMECALL_SERVER_NAME localhost");
        Line(c, $"Define HOMECALL_HTTPS_PORT {site.Port}");
        Line(c, $"Define HOMECALL_CERT \"{site.Certificate.CertificatePath}\"");
        Line(c, $"Define HOMECALL_KEY \"{site.Certificate.KeyPath}\"");
        Line(c, $"Include \"{site.Sample("apache", "homecall.conf")}\"");
        return c.ToString();
    }

    private static void Line(StringBuilder config, string line) =>
        config.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
