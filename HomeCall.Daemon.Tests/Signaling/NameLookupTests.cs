using System.Text;
using HomeCall.Daemon.Signaling;

namespace HomeCall.Daemon.Tests.Signaling;

/// <summary>The byte lookup behind the vocabulary tables: exact, case-sensitive, bounded.</summary>
public sealed class NameLookupTests
{
    private const int MaxNameBytes = 8;

    private static readonly NameLookup<int> Lookup = new([("to", 1), ("room", 2), ("user", 3), ("roomId", 4)], MaxNameBytes);

    [TestCase("to", 1)]
    [TestCase("room", 2)]
    [TestCase("user", 3)]
    [TestCase("roomId", 4)]
    public void TryFind_DeclaredName_FindsItsValue(string name, int expected)
    {
        Assert.That(Lookup.TryFind(Encoding.UTF8.GetBytes(name), out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("t")]
    [TestCase("Room")]
    [TestCase("rooms")]
    [TestCase("roomI")]
    [TestCase("room\0")]
    [TestCase("roomIdentity")]
    public void TryFind_OtherName_NotFound(string name)
    {
        Assert.That(Lookup.TryFind(Encoding.UTF8.GetBytes(name), out _), Is.False);
    }

    /// <summary>Names are compared as words of up to 8 bytes: every byte of every length must count.</summary>
    [Test]
    public void TryFind_NameDifferingInAnyOneByte_NotFound()
    {
        Assert.Multiple(() =>
        {
            for (var length = 1; length <= MessageParser.MaxNameBytes; length++)
            {
                var name = new string('a', length);
                var lookup = new NameLookup<int>([(name, 1)], MessageParser.MaxNameBytes);
                Assert.That(lookup.TryFind(Encoding.UTF8.GetBytes(name), out _), Is.True, name);
                for (var at = 0; at < length; at++)
                {
                    var other = Encoding.UTF8.GetBytes(name);
                    other[at] = (byte)'b';
                    Assert.That(lookup.TryFind(other, out _), Is.False, $"{name} with byte {at} changed");
                }
            }
        });
    }

    [Test]
    public void Constructor_LimitOverSixteenBytes_Throws()
    {
        Assert.That(() => new NameLookup<int>([("room", 1)], 17), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Constructor_NameTwice_Throws()
    {
        Assert.That(() => new NameLookup<int>([("room", 1), ("room", 2)], MaxNameBytes), Throws.ArgumentException.With.Message.Contains("'room' is declared twice"));
    }

    [TestCase("")]
    [TestCase("targetUserId")]
    public void Constructor_EmptyOrTooLongName_Throws(string name)
    {
        Assert.That(() => new NameLookup<int>([(name, 1)], MaxNameBytes), Throws.ArgumentException.With.Message.Contains("is not 1-8 bytes long"));
    }
}
