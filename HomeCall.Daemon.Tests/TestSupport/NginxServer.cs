namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// Debian's nginx in the foreground from a temp prefix: a minimal nginx.conf (what Debian's
/// /etc/nginx/nginx.conf provides) whose http block includes deploy/nginx/homecall.conf with
/// only its listen ports, certificate paths and the daemon's port swapped.
/// </summary>
internal sealed class NginxServer : IProxyServer
{
    public string Tool => "nginx";

    public string LogFile => "error.log";

    public IReadOnlyDictionary<string, string> Configs(ProxySite site) =>
        new Dictionary<string, string> { ["homecall.conf"] = Site(site), ["nginx.conf"] = Main(site) };

    /// <summary>-e: the log of startup, before nginx.conf is read (Debian's default is /var/log/nginx).</summary>
    public string[] Arguments(ProxySite site) =>
        ["-p", site.Directory + "/", "-c", site.File("nginx.conf"), "-e", site.File(LogFile), "-g", $"daemon off; pid {site.File("nginx.pid")};"];

    private static string Site(ProxySite site) => DeploySample.Render(
        site,
        "nginx",
        "homecall.conf",
        ("listen 443 ssl;", $"listen 127.0.0.1:{site.Port} ssl;"),
        ("listen [::]:443 ssl;", $"listen [::1]:{site.Port} ssl;"),
        ("/etc/letsencrypt/live/call.example.org/fullchain.pem", site.Certificate.CertificatePath),
        ("/etc/letsencrypt/live/call.example.org/privkey.pem", site.Certificate.KeyPath),
        ("http://127.0.0.1:8080/", $"http://127.0.0.1:{site.BackendPort}/"));

    /// <summary>
    /// The server-wide part. Temp files stay in the prefix instead of Debian's /var/lib/nginx;
    /// the server timeout is the http block's proxy timeouts, which the site's own override.
    /// </summary>
    private string Main(ProxySite site)
    {
        var timeouts = site.ServerTimeoutSeconds is { } s ? $"proxy_read_timeout {s}s;\n    proxy_send_timeout {s}s;" : "";
        var d = site.Directory;
        return $$"""
            worker_processes 1;
            error_log {{site.File(LogFile)}} warn;
            events {
                worker_connections 256;
            }
            http {
                access_log {{d}}/access.log;
                client_body_temp_path {{d}}/client_body;
                proxy_temp_path {{d}}/proxy;
                fastcgi_temp_path {{d}}/fastcgi;
                uwsgi_temp_path {{d}}/uwsgi;
                scgi_temp_path {{d}}/scgi;
                {{timeouts}}
                include {{site.File("homecall.conf")}};
            }

            """;
    }
}
