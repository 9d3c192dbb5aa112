using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
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

    /// <summary>Filled in per request, outside the script and style blocks (their hashes stay fixed).</summary>
    public const string RoomPlaceholder = "SELFTEST_ROOM";

    public const string FingerprintPlaceholder = "SELFTEST_FINGERPRINT";

    private const string RoomPrefix = "selftest-";

    private static readonly Lazy<(string Html, string Policy)> Page = new(Load);

    /// <summary>
    /// script-src and style-src name the page's inline blocks by hash, so nothing injected
    /// could run. connect-src keeps ws: and wss: beside 'self' because Safari before 17
    /// does not match WebSocket URLs with 'self' (CSP Level 2 semantics); the page only
    /// ever connects to its own URL (selftest.html, SIGNALING_URL). Trusted Types make
    /// any HTML sink an error: the script builds the DOM with textContent only.
    /// </summary>
    public static string ContentSecurityPolicy => Page.Value.Policy;

    /// <summary>
    /// The page for one run: a fresh random homecall room chosen here, with its log fingerprint, so
    /// a user can quote the room=… that support staff grep for. The server picks the name, so the
    /// page is no oracle for the fingerprint of a name someone else chose (docs/security.md).
    /// </summary>
    public static HttpResponse Response(RoomFingerprinter fingerprints)
    {
        var room = RoomPrefix + Guid.NewGuid().ToString("D");
        var html = Page.Value.Html
            .Replace(RoomPlaceholder, room, StringComparison.Ordinal)
            .Replace(FingerprintPlaceholder, fingerprints.Of(Dialect.Homecall, room), StringComparison.Ordinal);
        return WithHeaders(Encoding.UTF8.GetBytes(html));
    }

    private static HttpResponse WithHeaders(byte[] html) => new(
        200,
        "text/html; charset=utf-8",
        html,
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

    private static (string Html, string Policy) Load()
    {
        using var stream = typeof(SelfTestPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("self-test page missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var html = reader.ReadToEnd();
        var policy = PolicyFor(InlineBlock(html, "script"), InlineBlock(html, "style"));
        return (html, policy);
    }
}
