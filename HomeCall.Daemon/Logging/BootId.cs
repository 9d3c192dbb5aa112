using System.Security.Cryptography;

namespace HomeCall.Daemon.Logging;

/// <summary>
/// A short random id chosen at every start and put in front of every connection id
/// (<c>k7q2m9-c17</c>), so the same cN of two runs cannot be confused in files kept for weeks.
/// </summary>
internal static class BootId
{
    /// <summary>6 characters of 31: almost 900 million values, so two runs within the retained logs practically never share one.</summary>
    public const int Length = 6;

    // Lowercase letters and digits without the look-alikes 0/o, 1/l/i: read out over the phone by support staff.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
