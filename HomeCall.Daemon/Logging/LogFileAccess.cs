using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// Log files the way Debian daemons keep them: files 0640 and the directory 0750, both group
/// <c>adm</c> (when the group exists), so support staff in that group read them without root and
/// nobody else can. The daemon can give its own files to <c>adm</c> only as root or as a member
/// of the group; otherwise the files keep their group and <see cref="Prepare"/> says why. Only a
/// directory the daemon created itself gets its mode and group set: LOG_DIR may name a directory
/// others share (/var/log), whose owner decides. A setgid directory (the package's /var/log/homecall,
/// homecall:adm 2750) already gives every new file its group in the kernel, so the daemon leaves
/// the group alone there: its owner chose it, and under the unit's PrivateUsers=yes adm is not
/// even mapped, so a chgrp to adm would fail (EINVAL) although the file already has that group.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LogFileAccess
{
    public const string ReaderGroup = "adm";

    public const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private const string GroupDatabase = "/etc/group";
    private const string ProbeName = ".homecall-group-test";
    private const int Unchanged = -1;

    /// <summary>
    /// Sets the mode and group of a directory the daemon just <paramref name="created"/>; for an
    /// existing one, tries the group on a probe file. Returns why files cannot be given to the
    /// readers' group, or null.
    /// </summary>
    public static string? Prepare(string dir, bool created)
    {
        try
        {
            if (created)
            {
                File.SetUnixFileMode(dir, DirectoryMode);
                return GiveToReaders(dir);
            }

            if (GivesItsGroup(dir))
            {
                return null;
            }

            var probe = Path.Combine(dir, ProbeName);
            File.WriteAllText(probe, "");
            try
            {
                return GiveToReaders(probe);
            }
            finally
            {
                File.Delete(probe);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>A log file just opened: 0640 and the readers' group. A symbolic link is left alone (someone pointed the file elsewhere on purpose).</summary>
    public static void PrepareFile(string path)
    {
        try
        {
            if (new FileInfo(path).LinkTarget is null)
            {
                File.SetUnixFileMode(path, FileMode);
                if (!GivesItsGroup(Path.GetDirectoryName(Path.GetFullPath(path))!))
                {
                    GiveToReaders(path);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Logging goes on with the mode the file has; the directory's warning already tells the admin.
        }
    }

    /// <summary>Group ids by name from /etc/group (adm is a local group on Debian); null when there is no such group.</summary>
    public static int? FindGroup(string name)
    {
        if (!File.Exists(GroupDatabase))
        {
            return null;
        }

        foreach (var line in File.ReadLines(GroupDatabase))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == name && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return gid;
            }
        }

        return null;
    }

    /// <summary>Whether new files in <paramref name="dir"/> take the directory's group (its setgid bit, chmod(2)).</summary>
    private static bool GivesItsGroup(string dir) => File.GetUnixFileMode(dir).HasFlag(UnixFileMode.SetGroup);

    private static string? GiveToReaders(string path)
    {
        if (FindGroup(ReaderGroup) is not { } gid)
        {
            return null;
        }

        return Chown(path, Unchanged, gid) == 0
            ? null
            : $"cannot give it to group {ReaderGroup}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
    }

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown(string path, int owner, int group);
}
