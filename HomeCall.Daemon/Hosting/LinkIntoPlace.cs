using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// Gives a complete file its final name only if nothing has that name, in one step:
/// link(2) fails with EEXIST when the new name exists (man 2 link). File.Move without
/// overwrite is not enough: on Linux it may check the target and then rename(2), which
/// replaces a file another process linked in between (seen with concurrent starts).
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LinkIntoPlace
{
    /// <summary>EEXIST from errno-base.h.</summary>
    private const int FileExists = 17;

    /// <summary>True when <paramref name="target"/> now names <paramref name="source"/>'s file; false when the name was taken.</summary>
    public static bool TryLink(string source, string target)
    {
        if (Link(source, target) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == FileExists
            ? false
            : throw new IOException($"link {target}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string oldPath, string newPath);
}
