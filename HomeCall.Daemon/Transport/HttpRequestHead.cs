using System.Text;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// A parsed HTTP/1.1 request head: its bytes and where the request line's parts and each header
/// line lie in them. Nothing is turned into a string until asked for, and the strings a
/// connection keeps (path, query, Origin) are made once.
/// </summary>
internal sealed class HttpRequestHead
{
    private readonly byte[] _bytes;
    private readonly HeaderField[] _fields;
    private readonly int _methodLength;
    private readonly int _targetStart;
    private readonly int _targetLength;
    private string? _method;
    private string? _target;
    private string? _path;
    private string? _query;
    private string? _origin;

    /// <param name="bytes">The head from the request line through the last header line's CRLF.</param>
    public HttpRequestHead(byte[] bytes, int methodLength, int targetStart, int targetLength, HeaderField[] fields)
    {
        _bytes = bytes;
        _methodLength = methodLength;
        _targetStart = targetStart;
        _targetLength = targetLength;
        _fields = fields;
    }

    public string Method => _method ??= MethodBytes switch
    {
        var m when m.SequenceEqual("GET"u8) => "GET",
        var m when m.SequenceEqual("HEAD"u8) => "HEAD",
        var m => Encoding.ASCII.GetString(m),
    };

    public string Target => _target ??= Encoding.ASCII.GetString(TargetBytes);

    /// <summary>The target without its query string (routing ignores the query, docs/protocol.md §1.1).</summary>
    public string Path => _path ??= KnownPaths.Find(PathBytes) ?? Encoding.ASCII.GetString(PathBytes);

    /// <summary>The raw query string without '?', or empty.</summary>
    public string Query => _query ??= QueryBytes.IsEmpty ? "" : Encoding.ASCII.GetString(QueryBytes);

    /// <summary>The first Origin header's value; null when absent.</summary>
    public string? Origin => _origin ??= Single(HeaderName.Origin);

    /// <summary>Every header line as it arrived (name as sent, value trimmed), made on demand.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers =>
        [.. _fields.Select(f => new KeyValuePair<string, string>(Encoding.ASCII.GetString(_bytes, f.NameStart, f.NameLength), ValueString(f)))];

    private ReadOnlySpan<byte> MethodBytes => _bytes.AsSpan(0, _methodLength);

    private ReadOnlySpan<byte> TargetBytes => _bytes.AsSpan(_targetStart, _targetLength);

    private ReadOnlySpan<byte> PathBytes => TargetBytes.IndexOf((byte)'?') is var q and >= 0 ? TargetBytes[..q] : TargetBytes;

    private ReadOnlySpan<byte> QueryBytes => TargetBytes.IndexOf((byte)'?') is var q and >= 0 ? TargetBytes[(q + 1)..] : default;

    public bool MethodIs(ReadOnlySpan<byte> method) => MethodBytes.SequenceEqual(method);

    public int Count(string name) => Count(HeaderName.Other, name);

    public int Count(HeaderName name) => Count(name, null);

    /// <summary>How many lines of a header have exactly the value <paramref name="value"/>.</summary>
    public int CountValue(HeaderName name, ReadOnlySpan<byte> value)
    {
        var n = 0;
        foreach (var field in _fields)
        {
            n += field.Name == name && Value(field).SequenceEqual(value) ? 1 : 0;
        }

        return n;
    }

    /// <summary>The value of a header that must appear once (the first, if repeated); null when absent.</summary>
    public string? Single(string name) => Find(HeaderName.Other, name) is var i and >= 0 ? ValueString(_fields[i]) : null;

    public string? Single(HeaderName name) => Find(name, null) is var i and >= 0 ? ValueString(_fields[i]) : null;

    /// <summary>The first value of a header, in place; false when absent.</summary>
    public bool TryGetValue(HeaderName name, out ReadOnlySpan<byte> value)
    {
        var i = Find(name, null);
        value = i >= 0 ? Value(_fields[i]) : default;
        return i >= 0;
    }

    /// <summary>Whether any line of a comma-separated header holds <paramref name="token"/> (ASCII case ignored).</summary>
    public bool HasToken(HeaderName name, ReadOnlySpan<byte> token)
    {
        foreach (var field in _fields)
        {
            if (field.Name == name && HeaderTokens.Contains(Value(field), token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The right-most element over every line of a comma-separated header; empty when none.</summary>
    public ReadOnlySpan<byte> LastToken(HeaderName name)
    {
        for (var i = _fields.Length - 1; i >= 0; i--)
        {
            if (_fields[i].Name == name && HeaderTokens.Last(Value(_fields[i])) is { IsEmpty: false } last)
            {
                return last;
            }
        }

        return default;
    }

    /// <summary>Every comma-separated token of every occurrence of a header, as strings (tests, diagnostics).</summary>
    public IEnumerable<string> Tokens(string name) =>
        _fields.Where(f => Matches(f, HeaderName.Other, name))
            .SelectMany(f => ValueString(f).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private int Count(HeaderName name, string? spelled)
    {
        var n = 0;
        foreach (var field in _fields)
        {
            n += Matches(field, name, spelled) ? 1 : 0;
        }

        return n;
    }

    private int Find(HeaderName name, string? spelled)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (Matches(_fields[i], name, spelled))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>By the recognised name, or by spelling (ASCII case ignored) when <paramref name="spelled"/> is given.</summary>
    private bool Matches(HeaderField field, HeaderName name, string? spelled) =>
        spelled is null
            ? field.Name == name
            : field.NameLength == spelled.Length && Ascii.EqualsIgnoreCase(_bytes.AsSpan(field.NameStart, field.NameLength), spelled);

    private ReadOnlySpan<byte> Value(HeaderField field) => _bytes.AsSpan(field.ValueStart, field.ValueLength);

    private string ValueString(HeaderField field) => Encoding.ASCII.GetString(_bytes, field.ValueStart, field.ValueLength);
}
