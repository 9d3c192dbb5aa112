using System.Net.Http.Headers;
using System.Text.Json;
using HomeCall.Daemon.Config;
using Serilog;

namespace HomeCall.Daemon.Access;

/// <summary>
/// Asks AUTH_WEBHOOK_URL whether a join may proceed (docs/protocol.md §12.4): POSTs the request
/// as JSON and reads {"allow":bool,"iceServers":[…]?}. Anything but a 2xx answer with
/// `"allow":true` within AUTH_WEBHOOK_TIMEOUT_MS refuses the join: a webhook that is down
/// must not open every room. Never throws; never logs the URL, the room or the token.
/// </summary>
internal sealed class AuthWebhookClient
{
    /// <summary>An answer is a few hundred bytes; more is not read.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _cacheFor;
    private readonly TimeProvider _time;
    private readonly AuthDecisionCache _cache;
    private readonly ILogger _log;

    /// <param name="http">Shared by every client a reload builds (<see cref="NewHttpClient"/>), so a replaced client's pending questions still get their answers.</param>
    public AuthWebhookClient(HttpClient http, Uri url, TimeSpan timeout, TimeSpan cacheFor, TimeProvider time, ILogger log)
    {
        _http = http;
        _url = url;
        _timeout = timeout;
        _cacheFor = cacheFor;
        _time = time;
        _cache = new AuthDecisionCache(cacheFor, time);
        _log = log.ForContext<AuthWebhookClient>();
    }

    /// <summary>
    /// The HTTP client every webhook question goes through. No redirects (a 3xx is not an
    /// answer), no cookies, no proxy from the environment: the hook is the admin's own service,
    /// usually on this host.
    /// </summary>
    public static HttpClient NewHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
        {
            Timeout = Timeout.InfiniteTimeSpan, // Each question's own token bounds the exchange, on the injected clock.
            MaxResponseContentBufferSize = MaxResponseBytes,
        };

    /// <summary>Built from these AUTH_WEBHOOK_* values: a reload that changed none of them keeps this client and its cache.</summary>
    public bool Matches(DaemonOptions options) =>
        string.Equals(_url.OriginalString, options.AuthWebhookUrl, StringComparison.Ordinal)
        && _timeout == options.AuthWebhookTimeout
        && _cacheFor == options.AuthWebhookCache;

    /// <summary>The cached answer, else the webhook's (a completed task on a cache hit).</summary>
    public Task<AuthDecision> AskAsync(AuthWebhookRequest request) =>
        _cache.TryGet(request, out var cached) ? Task.FromResult(cached) : AskRemoteAsync(request);

    private async Task<AuthDecision> AskRemoteAsync(AuthWebhookRequest request)
    {
        using var deadline = new CancellationTokenSource(_timeout, _time);
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, AuthWebhookJson.Default.AuthWebhookRequest));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(_url, content, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _log.Warning("Auth webhook answered {StatusCode}: join refused", (int)response.StatusCode);
                return AuthDecision.Refused;
            }

            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var decision = Parse(body);
            if (decision is null)
            {
                _log.Warning("Auth webhook answer is not {{\"allow\":bool}}: join refused");
                return AuthDecision.Refused;
            }

            _cache.Put(request, decision);
            return decision;
        }
        catch (OperationCanceledException)
        {
            _log.Warning("Auth webhook did not answer within {TimeoutMs} ms: join refused", _timeout.TotalMilliseconds);
            return AuthDecision.Refused;
        }
        catch (Exception ex)
        {
            // The decision is awaited by the connection's receive loop: whatever failed, refuse.
            _log.Warning("Auth webhook failed ({Failure}): join refused", ex.GetType().Name);
            return AuthDecision.Refused;
        }
    }

    /// <summary>The answer, or null when it is not a JSON object with a boolean `allow`.</summary>
    public static AuthDecision? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("allow", out var allow)
                || allow.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return null;
            }

            var ice = root.TryGetProperty("iceServers", out var servers) && servers.ValueKind == JsonValueKind.Array
                ? servers.GetRawText()
                : null;
            return new AuthDecision(allow.GetBoolean(), allow.GetBoolean() ? ice : null, Failed: false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
