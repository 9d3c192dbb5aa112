using System.Net;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Deploy;

/// <summary>What the daemon learns about the client through Apache: the real address, and TLS.</summary>
[NonParallelizable]
public sealed class ApacheForwardingTests
{
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    [Test]
    public async Task ClientIp_ThroughApacheFromAnotherAddress_DaemonLogsTheRealOneNotTheSpoofed()
    {
        await using var stack = await ProxiedDaemon.StartAsync(new DaemonOptions { RequireForwardedTls = true });
        var spoofed = new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.7", ["X-Forwarded-Proto"] = "http" };

        await using (var client = await WsClient.ConnectAsync(stack.Apache, "/ws/", ClientAddress, spoofed))
        {
            await client.SendAsync(new { type = "join", room = "forwarded", user = "eve" });
            await client.ReceiveTypeAsync("online");
        }

        var opened = stack.Daemon.Logs.Events
            .Where(e => e.MessageTemplate.Text.StartsWith("Connection opened", StringComparison.Ordinal))
            .Select(e => e.Properties["ClientIp"].ToString().Trim('"'))
            .ToArray();
        Assert.That(opened, Is.EqualTo(new[] { "127.0.0.2" }));
        Assert.That(stack.Daemon.Logs.Lines, Has.None.Contains("203.0.113.7"));
    }
}
