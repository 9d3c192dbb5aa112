using HomeCall.Daemon.Protocol;
using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Http;

/// <summary>
/// The registry's counts and, for the admin views, its rooms, rendered outside its lock. The
/// counts are kept as rooms change (<see cref="RoomTotals"/>), so the public /health and /metrics
/// hold the lock for a constant time however many rooms there are; the admin details take the
/// lock once to copy the room list and then once per <see cref="DetailBatch"/> rooms, so relays
/// go on in between (docs/security.md).
/// </summary>
internal sealed record RegistrySnapshot(int Rooms, IReadOnlyDictionary<Dialect, int> RoomsByDialect, int Members, int QueuedMessages, int QueuedBytes, IReadOnlyList<RoomView> Details)
{
    /// <summary>Rooms described per turn of the lock in the admin views.</summary>
    public const int DetailBatch = 256;

    private static readonly Dialect[] Dialects = Enum.GetValues<Dialect>();

    public static RegistrySnapshot Take(RoomRegistry registry, bool withDetails)
    {
        var byDialect = new Dictionary<Dialect, int>(Dialects.Length);
        Room[] rooms;
        RegistrySnapshot counts;
        using (var held = registry.Lock())
        {
            foreach (var d in Dialects)
            {
                byDialect[d] = held.CountOf(d);
            }

            var totals = held.Totals;
            counts = new RegistrySnapshot(byDialect.Values.Sum(), byDialect, totals.Members, totals.QueuedMessages, totals.QueuedBytes, []);
            rooms = withDetails ? [.. held.All] : [];
        }

        return withDetails ? counts with { Details = Describe(registry, rooms) } : counts;
    }

    /// <summary>Views of the rooms still in the registry, a batch per turn of the lock.</summary>
    private static RoomView[] Describe(RoomRegistry registry, Room[] rooms)
    {
        var views = new List<RoomView>(rooms.Length);
        for (var start = 0; start < rooms.Length; start += DetailBatch)
        {
            using (var held = registry.Lock())
            {
                foreach (var r in rooms.AsSpan(start, Math.Min(DetailBatch, rooms.Length - start)))
                {
                    if (ReferenceEquals(held.Find(r.Dialect, r.Id), r))
                    {
                        views.Add(new RoomView(
                            DialectNames.Of(r.Dialect),
                            r.Id,
                            r.Members.Select(m => new ParticipantView(m.UserId, m.DisplayName, m.JoinedAt.ToUnixTimeMilliseconds())).ToArray()));
                    }
                }
            }
        }

        return [.. views];
    }
}
