using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>Room fingerprints: first 8 hex digits of HMAC-SHA-256(key, "dialect:roomId"), session ids lower-cased (docs/security.md).</summary>
public sealed class RoomFingerprinterTests
{
    // Known answers from an independent HMAC (RFC 2104) implementation, key = bytes 0x00..0x1f:
    // python3 -c "import hmac,hashlib; print(hmac.new(bytes(range(32)), 'homecall:garden'.encode(), hashlib.sha256).hexdigest()[:8])"
    [TestCase("Homecall", "garden", "d2aa6b07")]
    [TestCase("Homecall", "сад", "ce8e305b")]
    [TestCase("Homecall", "1234", "42030279")]
    [TestCase("Numeric", "1234", "6939efb8")]
    [TestCase("Mesh", "hall", "4984bc8f")]
    [TestCase("Session", "6f9619ff-8b86-d011-b42d-00c04fc964ff", "536e5473")]
    [TestCase("Session", "6F9619FF-8B86-D011-B42D-00C04FC964FF", "536e5473")]
    public void Of_KnownRoom_HmacSha256KnownAnswer(string dialect, string roomId, string expected)
    {
        Assert.That(TestFingerprints.Of(Enum.Parse<Dialect>(dialect), roomId), Is.EqualTo(expected));
    }

    // The unkeyed SHA-256("dialect:roomId") prefixes the daemon used to log: anyone could
    // recompute them for every 4-digit id and dictionary word.
    [TestCase("Homecall", "garden", "36b09622")]
    [TestCase("Numeric", "1234", "7d74245a")]
    [TestCase("Session", "6f9619ff-8b86-d011-b42d-00c04fc964ff", "37e56f97")]
    public void Of_KnownRoom_NotTheUnkeyedSha256(string dialect, string roomId, string unkeyed)
    {
        Assert.That(TestFingerprints.Of(Enum.Parse<Dialect>(dialect), roomId), Is.Not.EqualTo(unkeyed));
    }

    [Test]
    public void Of_AnotherKey_AnotherFingerprint()
    {
        // python3 -c "import hmac,hashlib; print(hmac.new(bytes([255]*32), b'homecall:garden', hashlib.sha256).hexdigest()[:8])"
        var other = new RoomFingerprinter(Enumerable.Repeat((byte)0xff, RoomFingerprinter.KeyBytes).ToArray());

        Assert.That(other.Of(Dialect.Homecall, "garden"), Is.EqualTo("976caad2"));
        Assert.That(other.Of(Dialect.Homecall, "garden"), Is.Not.EqualTo(TestFingerprints.Of(Dialect.Homecall, "garden")));
    }

    [Test]
    public void Of_SameKeyInTwoInstances_SameFingerprint()
    {
        var again = new RoomFingerprinter(TestFingerprints.Key);

        Assert.That(again.Of(Dialect.Mesh, "hall"), Is.EqualTo(TestFingerprints.Of(Dialect.Mesh, "hall")));
    }

    [Test]
    public void Of_SameIdInTwoDialects_Differs()
    {
        Assert.That(TestFingerprints.Of(Dialect.Homecall, "1234"), Is.Not.EqualTo(TestFingerprints.Of(Dialect.Numeric, "1234")));
    }

    [Test]
    public void Constructor_KeyBufferChangedAfterwards_FingerprintUnchanged()
    {
        var key = TestFingerprints.Key.ToArray();
        var fingerprinter = new RoomFingerprinter(key);
        var before = fingerprinter.Of(Dialect.Homecall, "garden");

        key[0] ^= 1;

        Assert.That(fingerprinter.Of(Dialect.Homecall, "garden"), Is.EqualTo(before));
    }

    [TestCase(0)]
    [TestCase(16)]
    [TestCase(33)]
    public void Constructor_KeyNot32Bytes_Throws(int length)
    {
        Assert.That(() => new RoomFingerprinter(new byte[length]), Throws.ArgumentException);
    }
}
