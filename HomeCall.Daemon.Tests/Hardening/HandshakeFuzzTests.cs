using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Transport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// Property tests of the pure handshake (RequestParser then RequestRouter, docs/protocol.md §2):
/// whatever bytes arrive, nothing throws, and no head is upgraded unless it carries
/// exactly one valid Sec-WebSocket-Key, one Host, `Upgrade: websocket`, version 13 and GET.
/// </summary>
public sealed class HandshakeFuzzTests
{
    public const int RandomBytesIterations = 3000;
    public const int MutationIterations = 3000;
    public const int SplitIterations = 500;

    private static readonly RequestRouter Validator = new(new DaemonOptions());
    private static readonly byte[] ValidHead = Encoding.ASCII.GetBytes(RawHttpHead());

    [FsCheck.NUnit.Property(MaxTest = RandomBytesIterations, EndSize = 400)]
    public Property Parse_RandomBytes_NeverThrowsNeverUpgradesWithoutKey() =>
        Prop.ForAll(HandshakeGenerators.HeadLikeBytes().ToArbitrary(), bytes => UpgradesOnlyWhenValid(bytes));

    [FsCheck.NUnit.Property(MaxTest = MutationIterations)]
    public Property Parse_MutatedValidHead_NeverThrowsNeverUpgradesWithoutKey() =>
        Prop.ForAll(HandshakeGenerators.Mutations(ValidHead).ToArbitrary(), bytes => UpgradesOnlyWhenValid(bytes));

    [FsCheck.NUnit.Property(MaxTest = SplitIterations)]
    public Property Parse_ValidHeadInAnyPrefix_IncompleteUntilBlankLineThenExactLength() =>
        Prop.ForAll(
            Gen.Choose(0, ValidHead.Length - 1).ToArbitrary(),
            HandshakeGenerators.HeadLikeBytes().ToArbitrary(),
            (cut, trailer) =>
            {
                var prefix = RequestParser.Parse(ValidHead.AsSpan(0, cut));
                var whole = RequestParser.Parse([.. ValidHead, .. trailer.Take(100)]);
                return prefix.Status == ParseStatus.Incomplete
                    && whole.Status == ParseStatus.Complete
                    && whole.HeadLength == ValidHead.Length;
            });

    [Test]
    public void Parse_ValidHead_Upgraded()
    {
        Assert.That(Decide(ValidHead)?.IsUpgrade, Is.True, "the mutation seed itself is a valid upgrade");
    }

    [Test]
    public void Generators_Sampled_ReachEveryParserOutcomeAndUpgrades()
    {
        var random = HandshakeGenerators.HeadLikeBytes().Sample(1000, 400);
        var mutated = HandshakeGenerators.Mutations(ValidHead).Sample(1000, 100);
        var statuses = random.Concat(mutated).Select(b => RequestParser.Parse(b).Status).ToHashSet();

        Assert.That(statuses, Is.EquivalentTo(Enum.GetValues<ParseStatus>()), "every parser outcome is exercised");
        Assert.That(mutated.Count(b => Decide(b)?.IsUpgrade == true), Is.GreaterThan(10), "some mutants are still upgrades");
        Assert.That(mutated.Count(b => Decide(b) is { IsUpgrade: false }), Is.GreaterThan(30), "mutants reach the validator and are refused there");
    }

    private static bool UpgradesOnlyWhenValid(byte[] bytes)
    {
        var decision = Decide(bytes);
        if (decision is null || !decision.IsUpgrade)
        {
            return true;
        }

        var head = RequestParser.Parse(bytes).Head!;
        return head.Method == "GET"
            && head.Count("Sec-WebSocket-Key") == 1
            && Handshake.IsValidKey(head.Single("Sec-WebSocket-Key"))
            && head.Count("Host") == 1
            && head.Count("Sec-WebSocket-Version") == 1
            && head.Single("Sec-WebSocket-Version")!.Trim() == "13"
            && head.Tokens("Upgrade").Contains("websocket", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Parse and, when complete, decide; any exception fails the property.</summary>
    private static RouteDecision? Decide(byte[] bytes)
    {
        var parsed = RequestParser.Parse(bytes);
        if (parsed.Status is ParseStatus.Invalid or ParseStatus.TooLarge)
        {
            return null;
        }

        return parsed.Status == ParseStatus.Complete ? Validator.Decide(parsed.Head!, IPAddress.Loopback) : null;
    }

    private static string RawHttpHead() => TestSupport.RawHttp.UpgradeRequest("/ws/", "Origin: https://call.example.org\r\n");
}
