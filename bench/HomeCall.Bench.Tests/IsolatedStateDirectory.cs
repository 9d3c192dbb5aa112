namespace HomeCall.Bench.Tests;

/// <summary>
/// Every daemon a test starts (TestSupport/DaemonProcess) inherits this process's
/// environment and so keeps its fingerprint key in $STATE_DIRECTORY, as under systemd.
/// Pointing that at a temporary directory for the whole run keeps keys out of the real
/// home directory (~/.local/state/homecall); the directory goes at the end.
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
