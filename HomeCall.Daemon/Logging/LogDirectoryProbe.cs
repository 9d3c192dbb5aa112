namespace HomeCall.Daemon.Logging;

/// <summary>
/// Whether the daemon can write daily files into LOG_DIR, and if not, the cause in words an
/// admin acts on: a permission problem (fix the owner or mode) is not a file standing where a
/// directory should be (move it, or point LOG_DIR elsewhere). An unusable LOG_DIR is a warning,
/// not a crash: the console still logs.
/// </summary>
internal static class LogDirectoryProbe
{
    private const string ProbeName = ".homecall-write-test";

    /// <summary>Null when writable (the directory is created if missing), else the cause.</summary>
    public static string? Problem(string dir)
    {
        if (FileInTheWay(dir) is { } file)
        {
            return $"{file} exists and is a file, not a directory";
        }

        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ProbeName);
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"permission denied: user {Environment.UserName} may not create {dir} or write in it (check its owner and mode)";
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>LOG_DIR itself, or the nearest directory above it, when that is an existing regular file.</summary>
    private static string? FileInTheWay(string dir)
    {
        for (var path = Path.GetFullPath(dir); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path;
            }

            if (Directory.Exists(path))
            {
                return null;
            }
        }

        return null;
    }
}
