using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Http;

/// <summary>A consistent copy of the registry's counts and rooms, taken under its lock and rendered outside it.</summary>
internal sealed record RegistrySnapshot(int Rooms, IReadOnlyDictionary<Dialect, int> RoomsByDialect, int Members, int QueuedMessages, int QueuedBytes, IReadOnlyList<RoomView> Details)
{
    public static RegistrySnapshot Take(RoomRegistry registry, bool withDetails)
    {
        lock (registry.Gate)
        {
            var all = registry.All.ToArray();
            var byDialect = Enum.GetValues<Dialect>().ToDictionary(d => d, registry.CountOf);
            var details = withDetails
                ? all.Select(r => new RoomView(
                    DialectNames.Of(r.Dialect),
                    r.Id,
                    r.Members.Select(m => new ParticipantView(m.UserId, m.DisplayName, m.JoinedAt.ToUnixTimeMilliseconds())).ToArray())).ToArray()
                : [];
            return new RegistrySnapshot(
                all.Length,
                byDialect,
                all.Sum(r => r.Members.Count),
                all.Sum(r => r.Queue?.Count ?? 0),
                all.Sum(r => r.Queue?.Bytes ?? 0),
                details);
        }
    }
}
