using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Http;

/// <summary>
/// The embedded call self-test page (GET / with SELFTEST_PAGE on, docs/protocol.md §1.3): one
/// dependency-free HTML file served from the binary under a strict Content-Security-Policy
/// that allows exactly its own inline script and style (by SHA-256) and nothing else.
/// </summary>
internal static class SelfTestPage
{
    public const string ResourceName = "HomeCall.Daemon.Http.selftest.html";

    private static readonly Lazy<(byte[] Html, string Policy)> Page = new(Load);

    /// <summary>
    /// script-src and style-src name the page's inline blocks by hash, so nothing injected
    /// could run. connect-src keeps ws: and wss: beside 'self' because Safari before 17
    /// does not match WebSocket URLs with 'self' (CSP Level 2 semantics); the page only
    /// ever connects to its own URL (selftest.html, SIGNALING_URL). Trusted Types make
    /// any HTML sink an error: the script builds the DOM with textContent only.
    /// </summary>
    public static string ContentSecurityPolicy => Page.Value.Policy;

    public static HttpResponse Response() => new(
        200,
        "text/html; charset=utf-8",
        Page.Value.Html,
        [
            new("Content-Security-Policy", Page.Value.Policy),
            new("X-Content-Type-Options", "nosniff"),
            new("Referrer-Policy", "no-referrer"),
            new("Cross-Origin-Opener-Policy", "same-origin"),
        ]);

    /// <summary>The policy for a page whose only inline script and style are the given texts.</summary>
    public static string PolicyFor(string script, string style) =>
        "default-src 'none'; "
        + $"script-src '{Hash(script)}'; "
        + $"style-src '{Hash(style)}'; "
        + "connect-src 'self' ws: wss:; "
        + "img-src data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
        + "require-trusted-types-for 'script'; trusted-types 'none'";

    /// <summary>The text between the first opening tag named <paramref name="tag"/> and its closing tag.</summary>
    public static string InlineBlock(string html, string tag)
    {
        var open = html.IndexOf($"<{tag}>", StringComparison.Ordinal);
        var close = html.IndexOf($"</{tag}>", StringComparison.Ordinal);
        if (open < 0 || close < open)
        {
            throw new InvalidOperationException($"the self-test page has no <{tag}> block");
        }

        var start = open + tag.Length + 2;
        return html[start..close];
    }

    private static string Hash(string block) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(block)));

    private static (byte[] Html, string Policy) Load()
    {
        using var stream = typeof(SelfTestPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("self-test page missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var html = reader.ReadToEnd();
        var policy = PolicyFor(InlineBlock(html, "script"), InlineBlock(html, "style"));
        return (Encoding.UTF8.GetBytes(html), policy);
    }
}
