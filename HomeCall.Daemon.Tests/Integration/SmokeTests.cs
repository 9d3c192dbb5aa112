using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Integration;

public sealed class SmokeTests
{
    [Test]
    public async Task HomecallJoinAndOffer_TwoClients_OfferDeliveredWithStampedFrom()
    {
        await using var server = TestServer.Start();
        await using var alice = await WsClient.ConnectAsync(server.Ws("/ws/"));
        await using var bob = await WsClient.ConnectAsync(server.Ws("/ws/"));

        await alice.SendAsync(new { type = "join", room = "garden", user = "alice" });
        Assert.That((await alice.ReceiveAsync()).GetProperty("users").GetArrayLength(), Is.EqualTo(1));
        await bob.SendAsync(new { type = "join", room = "garden", user = "bob" });
        await alice.ReceiveTypeAsync("online");
        await bob.ReceiveTypeAsync("online");

        await alice.SendAsync(new { type = "offer", to = "bob", sdp = "v=0", extra = 7 });
        var offer = await bob.ReceiveAsync();

        Assert.That(offer.GetProperty("type").GetString(), Is.EqualTo("offer"));
        Assert.That(offer.GetProperty("from").GetString(), Is.EqualTo("alice"));
        Assert.That(offer.GetProperty("sdp").GetString(), Is.EqualTo("v=0"));
        Assert.That(offer.GetProperty("extra").GetInt32(), Is.EqualTo(7));
    }
}
