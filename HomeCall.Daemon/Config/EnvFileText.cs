using System.Text;

namespace HomeCall.Daemon.Config;

/// <summary>
/// The checks systemd applies to what an env file assigns: keys and values must be UTF-8 as
/// systemd's utf8_is_valid() sees it (no overlong forms, no surrogates, no Unicode
/// noncharacters), and a name must be an environment variable name (env_name_is_valid()).
/// </summary>
internal static class EnvFileText
{
    private const int FirstArabicNoncharacter = 0xFDD0;
    private const int LastArabicNoncharacter = 0xFDEF;

    /// <summary>The last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...) are noncharacters.</summary>
    private const int PlaneEndMask = 0xFFFE;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }

        return !text.EnumerateRunes().Any(IsNoncharacter);
    }

    /// <summary>ASCII letters, digits and '_', not empty and not starting with a digit.</summary>
    public static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => c == '_' || char.IsAsciiLetterOrDigit(c));

    private static bool IsNoncharacter(Rune rune) =>
        rune.Value is (>= FirstArabicNoncharacter and <= LastArabicNoncharacter) || (rune.Value & PlaneEndMask) == PlaneEndMask;
}
