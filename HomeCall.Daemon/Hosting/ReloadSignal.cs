using System.Runtime.InteropServices;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// Turns SIGHUP (<c>systemctl reload homecall</c>, <c>kill -HUP</c>) into a settings reload on a
/// pool thread, instead of the default action, which ends the process.
/// </summary>
internal sealed class ReloadSignal : IDisposable
{
    private readonly PosixSignalRegistration _registration;

    public ReloadSignal(Action reload)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            ThreadPool.QueueUserWorkItem(_ => reload());
        });
    }

    public void Dispose() => _registration.Dispose();
}
