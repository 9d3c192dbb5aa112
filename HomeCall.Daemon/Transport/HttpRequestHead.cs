namespace HomeCall.Daemon.Transport;

/// <summary>A parsed HTTP/1.1 request head: request line and headers as they arrived.</summary>
internal sealed record HttpRequestHead(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The target without its query string (routing ignores the query, docs/protocol.md §1.1).</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>The raw query string without '?', or empty.</summary>
    public string Query => Target.Split('?', 2) is [_, var q] ? q : "";

    public int Count(string name) => Headers.Count(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value of a header that must appear once; null when absent.</summary>
    public string? Single(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Every comma-separated token of every occurrence of a header (Connection, X-Forwarded-For).</summary>
    public IEnumerable<string> Tokens(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
