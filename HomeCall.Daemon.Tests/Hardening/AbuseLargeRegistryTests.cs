using System.Diagnostics;
using System.Net.Http;
using HomeCall.Daemon.Rooms;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Hardening;

/// <summary>
/// docs/security.md "Large registry": /health and /metrics once copied every room under the
/// registry lock, so clients looping on the public /ws/health beside 100,000 abandoned
/// /signal sessions stalled everybody's relays. Now they read kept counts.
/// </summary>
[Category("Hardening")]
public sealed class AbuseLargeRegistryTests
{
    private const int Sessions = 100_000;
    private const int HealthLoopers = 8;
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(5);

    /// <summary>A relay takes about a millisecond here; 1 s is hundreds of times that, so a loaded 2-core machine passes while a lock held per request (tens of ms each, 8 loops) fails.</summary>
    private static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(1);

    [Test]
    public async Task HealthAndMetricsLoops_HundredThousandSessions_RelaysStillWithin1s()
    {
        // The probe relays every few milliseconds, past the default rate limit: lifted so only stalls slow it.
        await using var server = TestServer.Start(new HomeCall.Daemon.Config.DaemonOptions { RateLimitPerSecond = 1_000_000, RateLimitBurst = 1_000_000 });
        Poll.Registry(server, registry =>
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < Sessions; i++)
            {
                var session = new SessionRoom($"00000000-0000-4000-8000-{i:D12}", TestFingerprints.Fingerprinter, now, new SessionQueue(64, 262144));
                session.AddMember("u", null, now, null);
                registry.Add(session);
            }

            return 0;
        });
        await using var probe = await ProbePair.StartAsync(server.Ws("/"), "probe");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();

        var loopers = Enumerable.Range(0, HealthLoopers).Select(i => LoopAsync(http, server.Http(i % 2 == 0 ? "/health" : "/metrics"), clock)).ToArray();
        var worst = await probe.RelayUntilAsync(clock, LoadTime, ProbeEvery);

        var requests = (await Task.WhenAll(loopers)).Sum();
        Assert.That(worst, Is.LessThan(ProbeBound), "slowest relay while " + requests + " /health and /metrics requests ran");
        Assert.That(requests, Is.GreaterThan(HealthLoopers), "the loops ran");
        var health = await http.GetStringAsync(server.Http("/health"));
        Assert.That(health, Does.Contain("\"rooms\":" + (Sessions + 1)));
    }

    private static async Task<int> LoopAsync(HttpClient http, Uri uri, Stopwatch clock)
    {
        var count = 0;
        while (clock.Elapsed < LoadTime)
        {
            using var response = await http.GetAsync(uri);
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            count++;
        }

        return count;
    }
}
