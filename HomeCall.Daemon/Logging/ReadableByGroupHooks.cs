using System.Runtime.Versioning;
using System.Text;
using Serilog.Sinks.File;

namespace HomeCall.Daemon.Logging;

/// <summary>Gives every log file the file sink opens (one a day) mode 0640 and group adm (<see cref="LogFileAccess"/>).</summary>
[SupportedOSPlatform("linux")]
internal sealed class ReadableByGroupHooks : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        LogFileAccess.PrepareFile(path);
        return underlyingStream;
    }
}
