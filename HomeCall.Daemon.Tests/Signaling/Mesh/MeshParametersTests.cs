using HomeCall.Daemon.Signaling.Mesh;

namespace HomeCall.Daemon.Tests.Signaling.Mesh;

/// <summary>docs/protocol.md §6: identity from /?roomId=R&amp;userId=U&amp;userName=N, each required, lengths after URL-decoding.</summary>
public sealed class MeshParametersTests
{
    [TestCase("roomId=hall&userId=u1&userName=Ann", true)]
    [TestCase("roomId=", true)]
    [TestCase("userId=u1&userName=Ann", false)]
    [TestCase("", false)]
    [TestCase("roomid=hall", false)]
    public void IsMesh_Query_TrueWhenRoomIdNamed(string query, bool expected)
    {
        Assert.That(MeshParameters.IsMesh(query), Is.EqualTo(expected));
    }

    [Test]
    public void TryRead_AllPresent_DecodedValues()
    {
        var p = MeshParameters.TryRead("userName=Ann+Lee%20%D0%AF&roomId=hall%2F1&userId=u%2B1&extra=x", out var invalid);

        Assert.That(p, Is.EqualTo(new MeshParameters("hall/1", "u+1", "Ann Lee Я")));
        Assert.That(invalid, Is.Empty);
    }

    [TestCase("userId=u1&userName=Ann", "roomId")]
    [TestCase("roomId=hall&userName=Ann", "userId")]
    [TestCase("roomId=hall&userId=u1", "userName")]
    [TestCase("roomId=&userId=u1&userName=Ann", "roomId")]
    [TestCase("roomId=hall&userId=&userName=Ann", "userId")]
    [TestCase("roomId=hall&userId=u1&userName=", "userName")]
    [TestCase("roomId=hall&userId=u1&userName", "userName")]
    [TestCase("roomId=hall&roomId=yard&userId=u1&userName=Ann", "roomId")]
    [TestCase("roomId=hall&userId=u1&userId=u2&userName=Ann", "userId")]
    [TestCase("roomId=hall", "userId")]
    public void TryRead_MissingEmptyOrRepeated_NamesFirstBadParameter(string query, string expected)
    {
        var p = MeshParameters.TryRead(query, out var invalid);

        Assert.That(p, Is.Null);
        Assert.That(invalid, Is.EqualTo(expected));
    }

    [TestCase(129, 1, 1, "roomId")]
    [TestCase(1, 65, 1, "userId")]
    [TestCase(1, 1, 65, "userName")]
    public void TryRead_TooLong_NamesParameter(int room, int user, int name, string expected)
    {
        var query = $"roomId={new string('r', room)}&userId={new string('u', user)}&userName={new string('n', name)}";

        Assert.That(MeshParameters.TryRead(query, out var invalid), Is.Null);
        Assert.That(invalid, Is.EqualTo(expected));
    }

    [Test]
    public void TryRead_MaximumLengthsAfterDecoding_Accepted()
    {
        // 64 Cyrillic letters are 128 percent-encoded bytes each side: the limit counts decoded characters.
        var name = string.Concat(Enumerable.Repeat("%D0%AF", 64));
        var query = $"roomId={new string('r', 128)}&userId={new string('u', 64)}&userName={name}";

        var p = MeshParameters.TryRead(query, out _);

        Assert.That(p?.UserName, Is.EqualTo(new string('Я', 64)));
    }
}
