using System.Text;
using HomeCall.Daemon.Config;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// TURN_SECRET_FILE: coturn's static-auth-secret read from a file (docs/turn.md), so it need not
/// sit in the environment, where /proc/PID/environ and `systemctl show` reveal it; with systemd,
/// LoadCredential= hands the service a private copy. The file is the secret, one trailing line
/// break aside (editors add one; coturn's config line has none).
/// </summary>
internal static class TurnSecretFile
{
    /// <summary>A secret file is one short line; more than this is not one.</summary>
    private const int MaxBytes = 4096;

    /// <summary>The secret, or null with a one-line problem naming the file (never its content).</summary>
    public static string? Read(string path, Func<string, byte[]> readFile, out string problem)
    {
        // The same rule as ROOM_SECRET_FILE: coturn's secret mints credentials for its relay.
        if (SecretFileAccess.OpenToOthers(path))
        {
            problem = SecretFileAccess.OpenToOthersProblem(SettingKeys.TurnSecretFile, path);
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = readFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"TURN_SECRET_FILE {path} cannot be read: {ex.Message}";
            return null;
        }

        var text = bytes.Length <= MaxBytes ? DecodeOrNull(bytes) : null;
        var secret = text?.EndsWith("\r\n", StringComparison.Ordinal) == true ? text[..^2]
            : text?.EndsWith('\n') == true ? text[..^1]
            : text;
        problem = secret switch
        {
            null => $"TURN_SECRET_FILE {path} is not a secret: it must be one line of UTF-8 text, at most {MaxBytes} bytes",
            "" => $"TURN_SECRET_FILE {path} is empty: put coturn's static-auth-secret in it",
            _ when secret.Contains('\n', StringComparison.Ordinal) => $"TURN_SECRET_FILE {path} holds more than one line: put only coturn's static-auth-secret in it",
            _ => "",
        };
        return problem.Length == 0 ? secret : null;
    }

    private static string? DecodeOrNull(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
