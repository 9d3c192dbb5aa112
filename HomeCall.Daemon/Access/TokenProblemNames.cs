namespace HomeCall.Daemon.Access;

/// <summary>Fixed words for <see cref="TokenProblem"/> in logs and `homecall invite --check` (never anything from the token).</summary>
internal static class TokenProblemNames
{
    public static string Of(TokenProblem problem) => problem switch
    {
        TokenProblem.None => "valid",
        TokenProblem.Missing => "no token",
        TokenProblem.Malformed => "malformed",
        TokenProblem.BadSignature => "bad signature (tampered, or signed with another ROOM_SECRET)",
        TokenProblem.Expired => "expired",
        TokenProblem.WrongDialect => "another dialect",
        TokenProblem.WrongRoom => "another room",
        TokenProblem.WrongUser => "bound to another user",
        TokenProblem.CreateNotAllowed => "may not create the room (or its create count is used up)",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "unnamed token problem"),
    };
}
