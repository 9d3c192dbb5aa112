using HomeCall.Daemon.Signaling.Sessions;

namespace HomeCall.Daemon.Tests.Signaling.Sessions;

/// <summary>docs/protocol.md §8: 36-character hyphenated UUIDs, hex in either case, kept in lower case.</summary>
public sealed class SessionIdsTests
{
    [TestCase("6f9619ff-8b86-d011-b42d-00c04fc964ff", "6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [TestCase("6F9619FF-8B86-D011-B42D-00C04FC964FF", "6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [TestCase("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000")]
    public void Normalize_Uuid_LowerCase(string value, string expected)
    {
        Assert.That(SessionIds.Normalize(value), Is.EqualTo(expected));
    }

    [TestCase("{6f9619ff-8b86-d011-b42d-00c04fc964ff}")]
    [TestCase("urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [TestCase("6f9619ff8b86d011b42d00c04fc964ff")]
    [TestCase("6f9619ff-8b86-d011-b42d-00c04fc964f")]
    [TestCase("6f9619ff-8b86-d011-b42d-00c04fc964fff")]
    [TestCase("6f9619ff-8b86-d011-b42d-00c04fc964fg")]
    [TestCase("6f9619ff-8b86-d011-b42d00-c04fc964ff")]
    [TestCase(" 6f9619ff-8b86-d011-b42d-00c04fc964f")]
    [TestCase("６f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [TestCase("")]
    public void Normalize_NotHyphenatedUuid_Null(string value)
    {
        Assert.That(SessionIds.Normalize(value), Is.Null);
    }
}
