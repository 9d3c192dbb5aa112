using System.Net;
using System.Net.Sockets;
using HomeCall.Daemon.Logging;
using HomeCall.Daemon.Metrics;
using Serilog;

namespace HomeCall.Daemon.Transport;

/// <summary>
/// Refusals (docs/protocol.md §1.2, §2.2) and plain HTTP answers: a short response with Connection: close, counted
/// by reason on /metrics and logged, then the socket is half-closed and drained briefly.
/// </summary>
internal sealed class Refusals(DaemonMetrics metrics, TimeProvider time, ILogger log)
{
    /// <summary>How long a refused client gets to read our answer before the socket is closed.</summary>
    private static readonly TimeSpan LingerAfterResponse = TimeSpan.FromSeconds(1);

    private readonly ILogger _log = log.ForContext<Refusals>();

    /// <param name="origin">The Origin that was not allowed, if that is the reason: logged sanitised so support staff see what to add to ALLOWED_ORIGINS.</param>
    public HttpResponse Refuse(int status, string reason, IPAddress ip, IReadOnlyList<KeyValuePair<string, string>> headers, string? origin = null)
    {
        metrics.UpgradesRefused.Increment(RefusalLabel(status));
        if (origin is null)
        {
            _log.Information("Upgrade refused with {Status} ({Reason}) for {ClientIp}", status, reason, ip);
        }
        else
        {
            _log.Information("Upgrade refused with {Status} ({Reason}) for {ClientIp}: Origin {Origin}", status, reason, ip, LogSafeText.From(origin));
        }

        return HttpResponse.Text(status, $"{status} {HttpResponse.ReasonPhrase(status)}: {reason}", [.. headers]);
    }

    /// <summary>docs/protocol.md §2.2: past MAX_CONNECTIONS or MAX_CONNECTIONS_PER_IP the upgrade is refused with 503.</summary>
    public HttpResponse OverLimit(string refusal, IPAddress ip)
    {
        metrics.UpgradesRefused.Increment(refusal);
        _log.Information("Upgrade refused with {Status} ({Reason}) for {ClientIp}", 503, refusal, ip);
        return HttpResponse.Text(503, "503 Service Unavailable: " + refusal);
    }

    /// <summary>Sends the response, half-closes, and drains the client for a moment; never throws for a departed client.</summary>
    public async Task RespondAsync(Socket socket, HttpResponse response, bool includeBody)
    {
        try
        {
            await socket.SendAsync(response.Serialize(includeBody), SocketFlags.None).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);

            // Read (and drop) what the client still sends so the close is a FIN, not a reset
            // that could destroy the response before the client read it.
            using var linger = new CancellationTokenSource(LingerAfterResponse, time);
            var sink = new byte[512];
            while (await socket.ReceiveAsync(sink, SocketFlags.None, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left or lingered too long; nothing more to tell it.
        }
    }

    private static string RefusalLabel(int status) => status switch
    {
        400 => "bad-request",
        403 => "forbidden",
        404 => "not-found",
        405 => "method",
        426 => "upgrade-required",
        431 => "head-too-large",
        _ => "other",
    };
}
