namespace HomeCall.Daemon.Access;

/// <summary>Why a token does not admit a join; logged (never the token) and explained by `homecall invite --check`.</summary>
internal enum TokenProblem
{
    None,
    Missing,
    Malformed,
    /// <summary>Tampered with, or signed with another (rotated) ROOM_SECRET: the two cannot be told apart.</summary>
    BadSignature,
    Expired,
    WrongDialect,
    WrongRoom,
    WrongUser,
    CreateNotAllowed,
}
