using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Tests.Rooms;

/// <summary>Spec §6: first 8 hex digits of SHA-256("dialect:roomId"), session ids lower-cased.</summary>
public sealed class RoomFingerprintTests
{
    // Vectors computed independently: python3 -c "import hashlib; print(hashlib.sha256(b'homecall:garden').hexdigest()[:8])"
    [TestCase("Homecall", "garden", "36b09622")]
    [TestCase("Homecall", "сад", "af81a9c7")]
    [TestCase("Numeric", "1234", "7d74245a")]
    [TestCase("Mesh", "hall", "551dc001")]
    [TestCase("Session", "6f9619ff-8b86-d011-b42d-00c04fc964ff", "37e56f97")]
    [TestCase("Session", "6F9619FF-8B86-D011-B42D-00C04FC964FF", "37e56f97")]
    public void Of_KnownRoom_SpecFingerprint(string dialect, string roomId, string expected)
    {
        Assert.That(RoomFingerprint.Of(Enum.Parse<Dialect>(dialect), roomId), Is.EqualTo(expected));
    }

    [Test]
    public void Of_SameIdInTwoDialects_Differs()
    {
        Assert.That(RoomFingerprint.Of(Dialect.Homecall, "1234"), Is.Not.EqualTo(RoomFingerprint.Of(Dialect.Numeric, "1234")));
    }
}
