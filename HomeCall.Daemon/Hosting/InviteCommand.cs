using System.Runtime.Versioning;
using HomeCall.Daemon.Access;
using HomeCall.Daemon.Config;
using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Signaling;
using HomeCall.Daemon.Signaling.Sessions;

namespace HomeCall.Daemon.Hosting;

/// <summary>
/// `homecall invite` (README "Private rooms", docs/protocol.md §12): signs a room token with the
/// daemon's ROOM_SECRET (found in the same settings and env file as the daemon's) and prints it
/// with a ready link, or explains a token given with --check. It prints rooms and tokens to the
/// admin's terminal only; nothing is logged.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class InviteCommand
{
    /// <summary>The self-test page joins rooms named "selftest-" and a random UUID (Http/selftest.html).</summary>
    public const string SelfTestRooms = "selftest-*";

    public static int Run(InviteRequest invite, DaemonOptions options, TimeProvider time, TextWriter stdout, TextWriter stderr)
    {
        RoomSecret secret;
        try
        {
            secret = RoomSecret.FromOptions(options);
        }
        catch (RoomSecretException ex)
        {
            stderr.WriteLine("homecall: " + ex.Message);
            return ExitCodes.Config;
        }

        if (secret.Key is not { } key)
        {
            stderr.WriteLine($"homecall: {SettingKeys.RoomSecret} (or {SettingKeys.RoomSecretFile}) is not set: there is nothing to sign invitations with");
            return ExitCodes.Config;
        }

        return invite.CheckToken is { } text ? Explain(text, key, time, stdout) : Issue(invite, key, options, time, stdout, stderr);
    }

    private static int Issue(InviteRequest invite, byte[] key, DaemonOptions options, TimeProvider time, TextWriter stdout, TextWriter stderr)
    {
        var room = invite.SelfTest ? SelfTestRooms : invite.Room!;
        var dialect = invite.SelfTest ? Dialect.Homecall : FingerprintCommand.DialectFor(room, invite.Dialect);
        if (Problem(room, dialect, invite.User) is { } problem)
        {
            stderr.WriteLine("homecall: " + problem);
            return ExitCodes.Usage;
        }

        var id = dialect == Dialect.Session && room != RoomToken.Wildcard ? SessionIds.Normalize(room)! : room;
        var expires = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + invite.Ttl).ToUnixTimeSeconds());
        var token = new RoomToken(dialect, id, expires, invite.User, invite.CreateLimit);
        var encoded = RoomTokenCodec.Encode(token, key);
        stdout.WriteLine("token: " + encoded);
        stdout.WriteLine("link: " + InviteLink.For(token, encoded, invite.BaseUrl, invite.SelfTest, options));
        stdout.WriteLine("expires: " + expires.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        return ExitCodes.Ok;
    }

    /// <summary>What makes the invitation unusable, or null: the same lengths as on the wire (docs/protocol.md §3.2).</summary>
    private static string? Problem(string room, Dialect dialect, string? user)
    {
        if (!FieldRules.IsValidLength(room, FieldRules.MaxRoomLength))
        {
            return $"ROOM must have 1-{FieldRules.MaxRoomLength} characters";
        }

        if (dialect == Dialect.Session && room != RoomToken.Wildcard && SessionIds.Normalize(room) is null)
        {
            return "a session ROOM is a UUID (or '*')";
        }

        if (user is not null && (dialect == Dialect.Numeric || !FieldRules.IsValidLength(user, FieldRules.MaxUserLength)))
        {
            return dialect == Dialect.Numeric ? "numeric rooms have no user names: --user does not apply" : $"--user must have 1-{FieldRules.MaxUserLength} characters";
        }

        return null;
    }

    private static int Explain(string text, byte[] key, TimeProvider time, TextWriter stdout)
    {
        var problem = RoomTokenCodec.Decode(text, key, out var token);
        if (token is not null && token.ExpiresAt <= time.GetUtcNow())
        {
            problem = TokenProblem.Expired;
        }

        stdout.WriteLine("token: " + TokenProblemNames.Of(problem));
        if (token is not null)
        {
            stdout.WriteLine("dialect: " + DialectNames.Of(token.Dialect));
            stdout.WriteLine("room: " + token.Room);
            stdout.WriteLine("user: " + (token.User ?? "any"));
            stdout.WriteLine("create: " + token.CreateLimit switch { null => "unlimited", 0 => "not allowed (join only)", var n => $"at most {n} rooms" });
            stdout.WriteLine("expires: " + token.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        }

        return problem == TokenProblem.None ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
