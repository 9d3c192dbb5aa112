using System.Text;
using System.Text.Json;
using HomeCall.Daemon.Ice;

namespace HomeCall.Daemon.Tests.Ice;

public sealed class IceServersMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static IceServerSettings Settings(string[] stun, string[] turn) =>
        new(stun, turn, "north-wind", TimeSpan.FromSeconds(3600));

    [Test]
    public void Write_StunAndTurn_TwoServersTurnWithCredentialsExpiringAfterTheTtl()
    {
        var json = Encoding.UTF8.GetString(IceServersMessage.Write(Settings(["stun:s.example"], ["turn:t.example?transport=udp", "turns:t.example:5349"]), Now));
        var root = JsonDocument.Parse(json).RootElement;
        var expiresAt = Now.ToUnixTimeSeconds() + 3600;
        var turn = root.GetProperty("iceServers")[1];
        var username = turn.GetProperty("username").GetString()!;

        Assert.That(json, Does.StartWith("{\"type\":\"ice-servers\",\"iceServers\":[{\"urls\":[\"stun:s.example\"]},{\"urls\":[\"turn:t.example?transport=udp\",\"turns:t.example:5349\"],\"username\":\""));
        Assert.That(json, Does.EndWith($"\"}}],\"expiresAt\":{expiresAt}}}"));
        Assert.That(username, Does.StartWith(expiresAt + ":"));
        Assert.That(turn.GetProperty("credential").GetString(), Is.EqualTo(TurnCredentials.Credential("north-wind", username)));
    }

    [Test]
    public void Write_StunOnly_OneServerWithoutCredentials()
    {
        var json = Encoding.UTF8.GetString(IceServersMessage.Write(Settings(["stun:s.example"], []), Now));

        Assert.That(json, Is.EqualTo($"{{\"type\":\"ice-servers\",\"iceServers\":[{{\"urls\":[\"stun:s.example\"]}}],\"expiresAt\":{Now.ToUnixTimeSeconds() + 3600}}}"));
    }

    [Test]
    public void Write_TwoIssues_DifferentUsernames()
    {
        var settings = Settings([], ["turn:t.example"]);
        string User() => JsonDocument.Parse(IceServersMessage.Write(settings, Now)).RootElement.GetProperty("iceServers")[0].GetProperty("username").GetString()!;

        Assert.That(User(), Is.Not.EqualTo(User()));
    }

    [Test]
    public void ToString_Settings_NeverShowsTheSecret()
    {
        Assert.That(Settings(["stun:s.example"], ["turn:t.example"]).ToString(), Does.Not.Contain("north-wind"));
    }
}
