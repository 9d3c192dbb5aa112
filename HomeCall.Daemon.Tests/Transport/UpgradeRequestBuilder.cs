using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>Builds request heads for validator tests: a valid upgrade by default, edited header by header, parsed by the real parser.</summary>
internal sealed class UpgradeRequestBuilder
{
    private readonly List<KeyValuePair<string, string>> _headers =
    [
        new("Host", "localhost"),
        new("Upgrade", "websocket"),
        new("Connection", "Upgrade"),
        new("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        new("Sec-WebSocket-Version", "13"),
    ];

    private string _method = "GET";
    private string _target = "/";

    public static UpgradeRequestBuilder Upgrade(string target = "/") => new() { _target = target };

    /// <summary>A plain request without any WebSocket header.</summary>
    public static UpgradeRequestBuilder Plain(string method, string target)
    {
        var builder = new UpgradeRequestBuilder { _method = method, _target = target };
        builder._headers.RemoveAll(h => h.Key != "Host");
        return builder;
    }

    public UpgradeRequestBuilder Method(string method)
    {
        _method = method;
        return this;
    }

    public UpgradeRequestBuilder Without(string name)
    {
        _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    public UpgradeRequestBuilder With(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public UpgradeRequestBuilder Replace(string name, string value) => Without(name).With(name, value);

    public string Text() =>
        $"{_method} {_target} HTTP/1.1\r\n" + string.Concat(_headers.Select(h => $"{h.Key}: {h.Value}\r\n")) + "\r\n";

    public HttpRequestHead Build()
    {
        var result = RequestParser.Parse(Encoding.ASCII.GetBytes(Text()));
        Assert.That(result.Status, Is.EqualTo(ParseStatus.Complete), result.Reason);
        return result.Head!;
    }
}
