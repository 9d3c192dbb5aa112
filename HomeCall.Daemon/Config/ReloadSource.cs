using System.Collections;

namespace HomeCall.Daemon.Config;

/// <summary>
/// Reads the settings again for a reload: the same command line and environment as at start,
/// the env file as it is now. Under the unit the env file's values also reached the process
/// environment (EnvironmentFile=), where they would outrank the file forever; so an environment
/// variable that equalled the file's value at start counts as the file's and is dropped here,
/// and the file read now decides it. (A setting removed from the file then falls back to its
/// built-in default; the unit's own Environment= value returns only with a restart.)
/// </summary>
internal sealed class ReloadSource
{
    private readonly CommandLineRequest _request;
    private readonly Hashtable _environment = [];
    private readonly Func<string, byte[]> _readFile;

    public ReloadSource(CommandLineRequest request, IDictionary environment, BindResult atStart, Func<string, byte[]> readFile)
    {
        _request = request;
        _readFile = readFile;
        foreach (DictionaryEntry entry in environment)
        {
            var echoesFile = entry.Key is string key && atStart.EnvFileValues.TryGetValue(key, out var fileValue) && Equals(entry.Value, fileValue);
            if (!echoesFile)
            {
                _environment[entry.Key] = entry.Value;
            }
        }
    }

    /// <summary>The env file path read on every reload, or null when the daemon was started without one.</summary>
    public string? EnvFile => _request.EnvFile;

    public BindResult Load() => ConfigLoader.Load(_request, _environment, _readFile);
}
