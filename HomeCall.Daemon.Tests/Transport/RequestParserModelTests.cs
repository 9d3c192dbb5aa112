using System.Net;
using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Transport;

/// <summary>
/// The byte parser and the router against <see cref="ReferenceRequestModel"/> on random heads
/// (docs/protocol.md §1.1, §2.2): the same status, reason and head length, the same request line and
/// headers, and for complete heads the same answer, reason and client IP, with the default settings
/// and with origins, trusted proxies and forwarded TLS required.
/// </summary>
public sealed class RequestParserModelTests
{
    public const int Iterations = 3000;

    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");
    private static readonly string[] Origins = ["https://call.example.org"];

    private static readonly RequestRouter DefaultRouter = new(new DaemonOptions());
    private static readonly RequestRouter StrictRouter = new(new DaemonOptions
    {
        AllowedOrigins = Origins,
        TrustedProxies = ["127.0.0.1"],
        RequireForwardedTls = true,
    });

    [FsCheck.NUnit.Property(MaxTest = Iterations, EndSize = 30)]
    public Property Parse_RandomHead_SameOutcomeAsModel() =>
        Prop.ForAll(RequestHeadGenerators.Heads().ToArbitrary(), bytes => ParsesAsModel(bytes));

    [FsCheck.NUnit.Property(MaxTest = Iterations, EndSize = 30)]
    public Property Decide_RandomHead_SameAnswerAsModel() =>
        Prop.ForAll(RequestHeadGenerators.Heads().ToArbitrary(), bytes => DecidesAsModel(bytes));

    [Test]
    public void Heads_Sampled_ReachEveryOutcomeAndEveryAnswer()
    {
        var heads = RequestHeadGenerators.Heads().Sample(3000, 30);
        var parsed = heads.Select(b => RequestParser.Parse(b)).ToList();
        var answers = parsed.Where(p => p.Status == ParseStatus.Complete)
            .Select(p => DefaultRouter.Decide(p.Head!, Other).Status)
            .ToHashSet();

        Assert.That(parsed.Select(p => p.Status).ToHashSet(), Is.EquivalentTo(Enum.GetValues<ParseStatus>()));
        Assert.That(parsed.Select(p => p.Reason).Distinct().Count(), Is.EqualTo(9), "no reason and each of the eight refusal reasons of the parser");
        Assert.That(answers, Is.SupersetOf(new[] { 101, 200, 400, 404, 405, 426 }));
    }

    private static bool ParsesAsModel(byte[] bytes)
    {
        var actual = RequestParser.Parse(bytes);
        var expected = ReferenceRequestModel.Parse(bytes);
        var same = actual.Status == expected.Status && actual.Reason == expected.Reason && actual.HeadLength == expected.HeadLength;
        if (!same || expected.Head is not { } head)
        {
            return same;
        }

        return actual.Head!.Method == head.Method
            && actual.Head.Target == head.Target
            && actual.Head.Path == head.Path
            && actual.Head.Headers.SequenceEqual(head.Headers);
    }

    private static bool DecidesAsModel(byte[] bytes)
    {
        if (RequestParser.Parse(bytes).Head is not { } actual || ReferenceRequestModel.Parse(bytes).Head is not { } head)
        {
            return true;
        }

        return SameDecision(DefaultRouter.Decide(actual, Other), ReferenceRequestModel.Decide(head, Other, [], [], requireForwardedTls: false))
            && SameDecision(StrictRouter.Decide(actual, Proxy), ReferenceRequestModel.Decide(head, Proxy, [Proxy], Origins, requireForwardedTls: true))
            && SameDecision(StrictRouter.Decide(actual, Other), ReferenceRequestModel.Decide(head, Other, [Proxy], Origins, requireForwardedTls: true));
    }

    private static bool SameDecision(RouteDecision actual, (int Status, string Reason, IPAddress Ip) expected) =>
        actual.Status == expected.Status && actual.Reason == expected.Reason && actual.ClientIp.Equals(expected.Ip);
}
