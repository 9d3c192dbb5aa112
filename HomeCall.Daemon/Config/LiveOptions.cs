namespace HomeCall.Daemon.Config;

/// <summary>
/// The one holder of the settings in force. A reload swaps in a new snapshot whose
/// <see cref="SettingDefinition.Live"/> settings may differ; code that honours a live setting
/// reads <see cref="Current"/> per use (an immutable record, so one read is a consistent view)
/// or rebuilds what it derives from it on <see cref="Changed"/>.
/// </summary>
internal sealed class LiveOptions(DaemonOptions initial)
{
    private DaemonOptions _current = initial;

    /// <summary>Raised after <see cref="Current"/> changed, on the thread that applied the reload.</summary>
    public event Action<DaemonOptions>? Changed;

    public DaemonOptions Current => Volatile.Read(ref _current);

    public void Replace(DaemonOptions next)
    {
        Volatile.Write(ref _current, next);
        Changed?.Invoke(next);
    }
}
