using System.Collections;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Rooms;
using Microsoft.Win32.SafeHandles;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// The install's fingerprint key on disk (docs/security.md): 64 hex digits and a newline,
/// mode 0600, created by the daemon's first start. It is written under a temporary name,
/// flushed to disk, then linked into place only if the name is still free
/// (<see cref="LinkIntoPlace"/>), so two daemons starting at once never see a half-written
/// key and both end up with the one that was linked first.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class FingerprintKeyFile
{
    private const int HexDigits = RoomFingerprinter.KeyBytes * 2;

    /// <summary>A key file is 65 bytes; reading more than this cannot make it one.</summary>
    private const int MaxReadBytes = 4096;

    /// <summary>Random bytes in the temporary file's name, so concurrent starts never share one.</summary>
    private const int TemporaryNameBytes = 8;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The key file the settings and the environment point at (<see cref="FingerprintKeyPath"/>).</summary>
    public static string PathFor(DaemonOptions options, IDictionary environment) =>
        FingerprintKeyPath.Resolve(options.FingerprintKeyFile, environment) ?? throw new FingerprintKeyException(FingerprintKeyPath.NoDefault);

    /// <summary>The daemon at start: the existing key, or a new one when the file does not exist yet.</summary>
    public static FingerprintKey LoadOrCreate(string path)
    {
        if (TryLoad(path) is { } existing)
        {
            return new FingerprintKey(path, existing, Created: false);
        }

        if (TryCreate(path) is { } created)
        {
            return new FingerprintKey(path, created, Created: true);
        }

        // Another start linked its key first: use that one.
        return Load(path);
    }

    /// <summary>`homecall fingerprint`: the existing key; it never creates one (a new key would match no log).</summary>
    public static FingerprintKey Load(string path) =>
        TryLoad(path) is { } key
            ? new FingerprintKey(path, key, Created: false)
            : throw new FingerprintKeyException($"no key at {path}: the daemon creates it on first start; run this as the daemon's user or with --key-file");

    /// <summary>The key text as stored: lower-case hex and a newline.</summary>
    public static string Format(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(key) + "\n";

    /// <summary>The key, or null when the file does not exist.</summary>
    private static RoomFingerprinter? TryLoad(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Problem(path, "cannot be read: " + ex.Message);
        }

        using (handle)
        {
            // A key others can read lets them reverse fingerprints; one they can write lets them choose it.
            var mode = File.GetUnixFileMode(handle);
            if ((mode & GroupOrOthers) != 0)
            {
                throw Problem(path, $"is open to group or others (mode {Octal(mode)}): it must be 0600 (chmod 600 {path})");
            }

            var buffer = new byte[MaxReadBytes];
            var length = RandomAccess.Read(handle, buffer, fileOffset: 0);
            return Parse(buffer.AsSpan(0, length)) is { } key
                ? new RoomFingerprinter(key)
                : throw Problem(path, $"is not a fingerprint key: it must hold {HexDigits} hex digits and a newline (found {length} bytes)");
        }
    }

    /// <summary>A new key at <paramref name="path"/>, or null when another start created it meanwhile.</summary>
    private static RoomFingerprinter? TryCreate(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TemporaryNameBytes))}.tmp");
        var key = RandomNumberGenerator.GetBytes(RoomFingerprinter.KeyBytes);
        try
        {
            // Only the last directory is created 0700 (the one named for the key); parents get the usual mode.
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile };
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Format(key)));
                stream.Flush(flushToDisk: true);
            }

            return LinkIntoPlace.TryLink(temporary, path) ? new RoomFingerprinter(key) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Problem(path, "cannot be created: " + ex.Message);
        }
        finally
        {
            // The key keeps its final name (or the other start's key has it): the temporary name goes.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static byte[]? Parse(ReadOnlySpan<byte> text)
    {
        if (text.Length == HexDigits + 1 && text[^1] == (byte)'\n')
        {
            text = text[..^1];
        }

        if (text.Length != HexDigits)
        {
            return null;
        }

        foreach (var b in text)
        {
            if (!char.IsAsciiHexDigit((char)b))
            {
                return null;
            }
        }

        return Convert.FromHexString(Encoding.ASCII.GetString(text));
    }

    private static string Octal(UnixFileMode mode) =>
        Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private static FingerprintKeyException Problem(string path, string problem) =>
        new($"fingerprint key {path} {problem}");
}
