using HomeCall.Daemon.Protocol;

namespace HomeCall.Daemon.Tests.Protocol;

/// <summary>The dialect names of fingerprints, /health and metrics labels (docs/protocol.md §1.3, §11.6).</summary>
public sealed class DialectNamesTests
{
    [Test]
    public void Of_EveryDialect_HasDistinctName()
    {
        var names = Enum.GetValues<Dialect>().Select(DialectNames.Of).ToList();

        Assert.That(names, Is.Unique);
        Assert.That(names, Is.EqualTo(new[] { "homecall", "mesh", "numeric", "session" }));
    }

    [Test]
    public void TryParse_EveryDialectName_RoundTrips()
    {
        Assert.Multiple(() =>
        {
            foreach (var dialect in Enum.GetValues<Dialect>())
            {
                Assert.That(DialectNames.TryParse(DialectNames.Of(dialect), out var parsed), Is.True, dialect.ToString());
                Assert.That(parsed, Is.EqualTo(dialect));
            }
        });
    }

    [Test]
    public void Of_UnknownValue_Throws()
    {
        var unknown = (Dialect)Enum.GetValues<Dialect>().Length;

        Assert.That(() => DialectNames.Of(unknown), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void TryParse_UnknownName_ReturnsFalse()
    {
        Assert.That(DialectNames.TryParse("Session", out _), Is.False, "names are lower case");
    }
}
