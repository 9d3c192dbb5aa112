using System.Diagnostics;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>Two clients in one homecall room; one relays an offer to the other at a steady pace and measures how long each takes to arrive.</summary>
internal sealed class ProbePair : IAsyncDisposable
{
    private readonly WsClient _a;
    private readonly WsClient _b;

    private ProbePair(WsClient a, WsClient b)
    {
        _a = a;
        _b = b;
    }

    /// <summary>Joins both to <paramref name="room"/> on the room endpoint at <paramref name="endpoint"/> (a ws:// URL of "/").</summary>
    public static async Task<ProbePair> StartAsync(Uri endpoint, string room)
    {
        var a = await WsClient.ConnectAsync(endpoint);
        var b = await WsClient.ConnectAsync(endpoint);
        await a.SendAsync(new { type = "join", room, user = "a" });
        await a.ReceiveTypeAsync("online");
        await b.SendAsync(new { type = "join", room, user = "b" });
        await b.ReceiveTypeAsync("online");
        await a.ReceiveTypeAsync("online");
        return new ProbePair(a, b);
    }

    /// <summary>Relays one offer every <paramref name="every"/> until <paramref name="until"/> on <paramref name="clock"/>; returns the slowest delivery.</summary>
    public async Task<TimeSpan> RelayUntilAsync(Stopwatch clock, TimeSpan until, TimeSpan every)
    {
        var worst = TimeSpan.Zero;
        using var tick = new PeriodicTimer(every);
        for (var n = 0; clock.Elapsed < until && await tick.WaitForNextTickAsync(); n++)
        {
            var sent = clock.Elapsed;
            await _a.SendAsync(new { type = "offer", to = "b", sdp = "probe " + n });
            var offer = await _b.ReceiveTypeAsync("offer");
            Assert.That(offer.GetProperty("sdp").GetString(), Is.EqualTo("probe " + n), "offers arrive once, in order");
            worst = TimeSpan.FromTicks(Math.Max(worst.Ticks, (clock.Elapsed - sent).Ticks));
        }

        return worst;
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }
}
