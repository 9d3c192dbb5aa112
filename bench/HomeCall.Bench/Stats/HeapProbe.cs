using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace HomeCall.Bench.Stats;

/// <summary>
/// The managed heap of a .NET server on this machine, read as `dotnet-gcdump` reads it: an
/// EventPipe session through the runtime's diagnostic socket asks for the GC-heap-collect
/// keyword, which makes the runtime run one full blocking collection, and the GCHeapStats event
/// that ends it gives the live bytes per generation (0–2, large- and pinned-object heaps).
/// Not a .NET process (no diagnostic socket): null.
/// </summary>
internal static class HeapProbe
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Live managed bytes after a full collection, or null when <paramref name="pid"/> is not a .NET process.</summary>
    public static async Task<long?> LiveBytesAsync(int? pid, CancellationToken ct)
    {
        if (pid is not { } p || !HasDiagnosticSocket(p))
        {
            return null;
        }

        var client = new DiagnosticsClient(p);
        EventPipeProvider[] providers = [new(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)];
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, token: ct).ConfigureAwait(false);
        var stats = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCHeapStats += e => stats.TrySetResult(
            e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
        var processing = Task.Run(source.Process, ct);
        try
        {
            return await stats.Task.WaitAsync(Timeout, ct).ConfigureAwait(false);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await processing.WaitAsync(Timeout, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The runtime's diagnostic IPC socket: /tmp/dotnet-diagnostic-PID-*-socket (TMPDIR when set).</summary>
    private static bool HasDiagnosticSocket(int pid)
    {
        var dir = Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } tmp ? tmp : "/tmp";
        return Directory.EnumerateFiles(dir, $"dotnet-diagnostic-{pid}-*-socket").Any();
    }
}
