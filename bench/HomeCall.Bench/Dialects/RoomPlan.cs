namespace HomeCall.Bench.Dialects;

/// <summary>A room the run will fill: a run-unique name (a UUID for /signal sessions; numeric rooms get theirs from the server).</summary>
internal sealed record RoomPlan(string Name)
{
    public static string UserId(int member) => "u" + member.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
