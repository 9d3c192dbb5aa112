using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling.Json;

/// <summary>
/// MessageParser (scanner) against <see cref="ReaderOracle"/> (the former Utf8JsonReader walk):
/// the same accept/reject, type, field ranges and pass-through bytes on every generated input.
/// </summary>
public sealed class MessageParserDifferentialTests
{
    private const int Cases = 3000;

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property TryParse_ValidMessages_SameAsReader() => Agrees(DifferentialGenerators.Message);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property TryParse_MutatedMessages_SameAsReader() => Agrees(DifferentialMutations.Text);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property TryParse_ByteMutatedMessagesIncludingInvalidUtf8_SameAsReader() =>
        Prop.ForAll(DifferentialMutations.Bytes.ToArbitrary(), Same);

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property TryParse_NestingAroundTheDepthLimit_SameAsReader() => Agrees(DifferentialGenerators.DeepMessage);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property TryParse_NumberNearMisses_SameAsReader() => Agrees(DifferentialNearMisses.Numbers);

    [FsCheck.NUnit.Property(MaxTest = Cases)]
    public Property TryParse_StringAndEscapeNearMisses_SameAsReader() => Agrees(DifferentialNearMisses.Strings);

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property TryParse_LiteralAndWhitespaceNearMisses_SameAsReader() => Agrees(DifferentialNearMisses.LiteralsAndWhitespace);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property TryParse_EveryPrefixOfAValidMessage_SameAsReader() =>
        Prop.ForAll(DifferentialGenerators.Message.ToArbitrary(), json =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            for (var cut = 0; cut <= bytes.Length; cut++)
            {
                if (OracleComparison.Difference(bytes[..cut]) is { } difference)
                {
                    return false.Label($"{difference} for {OracleComparison.Show(bytes[..cut])}");
                }
            }

            return true.Label("all prefixes agree");
        });

    [Test]
    public void Generators_Sampled_ReachAcceptsAndRejectsOfEveryKind()
    {
        static int Accepted(IEnumerable<string> texts) => texts.Count(t => MessageParser.TryParse(Encoding.UTF8.GetBytes(t), out _, out _));

        var valid = DifferentialGenerators.Message.Sample(1000);
        var mutated = DifferentialMutations.Text.Sample(1000);
        var deep = DifferentialGenerators.DeepMessage.Sample(400);
        var numbers = DifferentialNearMisses.Numbers.Sample(1000);
        var strings = DifferentialNearMisses.Strings.Sample(1000);
        var literals = DifferentialNearMisses.LiteralsAndWhitespace.Sample(1000);

        Assert.Multiple(() =>
        {
            Assert.That(Accepted(valid), Is.InRange(100, 900), "valid JSON, accepted when it has one string type and no duplicate");
            Assert.That(Accepted(mutated), Is.InRange(20, 700), "mutations keep some valid and break most");
            Assert.That(Accepted(deep), Is.InRange(50, 350), "nesting on both sides of the limit");
            Assert.That(Accepted(numbers), Is.InRange(100, 900), "numbers valid and not");
            Assert.That(Accepted(strings), Is.InRange(100, 900), "strings valid and not");
            Assert.That(Accepted(literals), Is.InRange(100, 900), "literals and whitespace valid and not");
            Assert.That(valid.Count(HasEscapedTypeKey), Is.GreaterThan(20), "escaped `type` keys that decode");
        });
    }

    /// <summary>Accepted, with its `type` key written with escapes (the reader says so, not the code under test).</summary>
    private static bool HasEscapedTypeKey(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (!ReaderOracle.TryParse(bytes, out _, out _))
        {
            return false;
        }

        var reader = new Utf8JsonReader(bytes);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueIsEscaped && reader.ValueTextEquals("type"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static Property Agrees(Gen<string> messages) =>
        Prop.ForAll(messages.ToArbitrary(), json => Same(Encoding.UTF8.GetBytes(json)));

    private static Property Same(byte[] json) =>
        OracleComparison.Difference(json) is { } difference
            ? false.Label($"{difference} for {OracleComparison.Show(json)}")
            : true.Label("same");
}
