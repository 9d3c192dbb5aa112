using System.Text;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

public sealed class HttpResponseTests
{
    [Test]
    public void Serialize_Refusal_HasStatusLengthConnectionCloseAndExtraHeaders()
    {
        var response = HttpResponse.Text(405, "no", new KeyValuePair<string, string>("Allow", "GET"));

        var text = Encoding.ASCII.GetString(response.Serialize(includeBody: true));

        Assert.That(text, Does.StartWith("HTTP/1.1 405 Method Not Allowed\r\n"));
        Assert.That(text, Does.Contain("\r\nConnection: close\r\n"));
        Assert.That(text, Does.Contain("\r\nAllow: GET\r\n"));
        Assert.That(text, Does.Contain("\r\nContent-Length: 3\r\n"));
        Assert.That(text, Does.EndWith("\r\n\r\nno\n"));
    }

    [Test]
    public void Serialize_WithoutBody_KeepsContentLengthOfTheBody()
    {
        // HEAD: the same head as GET, no body (RFC 9110 §9.3.2).
        var text = Encoding.ASCII.GetString(HttpResponse.Text(200, "ok").Serialize(includeBody: false));

        Assert.That(text, Does.Contain("\r\nContent-Length: 3\r\n"));
        Assert.That(text, Does.EndWith("\r\n\r\n"));
    }

    [TestCase(400, "Bad Request")]
    [TestCase(403, "Forbidden")]
    [TestCase(404, "Not Found")]
    [TestCase(426, "Upgrade Required")]
    [TestCase(431, "Request Header Fields Too Large")]
    [TestCase(503, "Service Unavailable")]
    public void ReasonPhrase_RefusalStatus_ReturnsStandardPhrase(int status, string phrase)
    {
        Assert.That(HttpResponse.ReasonPhrase(status), Is.EqualTo(phrase));
    }
}
