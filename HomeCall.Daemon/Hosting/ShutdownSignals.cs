using System.Runtime.InteropServices;

namespace HomeCall.Daemon.Hosting;

/// <summary>Turns SIGTERM and SIGINT into one cancellation (the root token every connection hangs off).</summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        ];
    }

    public CancellationToken Token => _cts.Token;

    public string? Received { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        if (Received is not null)
        {
            // A second signal while draining: the admin wants out now, so let the default
            // action end the process (clients see 1006; nothing is stored to lose).
            context.Cancel = false;
            return;
        }

        // The default action would end the process at once; the first time, shutdown is ours to run.
        context.Cancel = true;
        Received = context.Signal.ToString();
        _cts.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _cts.Dispose();
    }
}
