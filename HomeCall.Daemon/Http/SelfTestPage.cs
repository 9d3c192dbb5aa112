using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Http;

/// <summary>
/// The embedded call self-test page (GET / with SELFTEST_PAGE on): one dependency-free
/// HTML file served from the binary under a strict Content-Security-Policy.
/// </summary>
internal static class SelfTestPage
{
    /// <summary>Everything inline, nothing external; connect-src allows only this origin's WebSockets.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> Html = new(Load);

    public static HttpResponse Response() => new(
        200,
        "text/html; charset=utf-8",
        Html.Value,
        [
            new("Content-Security-Policy", ContentSecurityPolicy),
            new("X-Content-Type-Options", "nosniff"),
            new("Referrer-Policy", "no-referrer"),
        ]);

    private static byte[] Load()
    {
        using var stream = typeof(SelfTestPage).Assembly.GetManifestResourceStream("HomeCall.Daemon.Http.selftest.html")
            ?? throw new InvalidOperationException("self-test page missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
