namespace HomeCall.Daemon.Tests;

/// <summary>
/// Every daemon a test starts (DaemonProcess, SpawnedDaemon, the installed binary) inherits
/// this process's environment and, unless a test sets FINGERPRINT_KEY_FILE, keeps its
/// fingerprint key in $STATE_DIRECTORY, as under systemd. Pointing that at a temporary
/// directory for the whole run keeps keys out of the real home directory
/// (~/.local/state/homecall) and the runner's own state; the directory goes at the end.
/// </summary>
[SetUpFixture]
public sealed class IsolatedStateDirectory
{
    private const string Variable = "STATE_DIRECTORY";

    private string? _previous;
    private DirectoryInfo? _directory;

    [OneTimeSetUp]
    public void PointAtTemporaryDirectory()
    {
        _previous = Environment.GetEnvironmentVariable(Variable);
        _directory = Directory.CreateTempSubdirectory("homecall-state-");
        Environment.SetEnvironmentVariable(Variable, _directory.FullName);
    }

    [OneTimeTearDown]
    public void Restore()
    {
        Environment.SetEnvironmentVariable(Variable, _previous);
        _directory?.Delete(recursive: true);
    }
}
