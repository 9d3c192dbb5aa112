namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>Totals of a soak run and every (sender, target) pair where accepted ≠ delivered.</summary>
internal sealed record SoakLedger(long Sent, long Refused, long Delivered, long Reconnects, long Rejoins, IReadOnlyList<string> Mismatches)
{
    public long Accepted => Sent - Refused;

    public static SoakLedger Of(IReadOnlyList<SoakPeer> peers)
    {
        var byUser = peers.ToDictionary(p => p.User);
        var mismatches = new List<string>();
        long sent = 0, refused = 0, delivered = 0;
        foreach (var sender in peers)
        {
            foreach (var target in sender.Targets)
            {
                var accepted = sender.Sent(target) - sender.Refused(target);
                var got = byUser[target].Delivered(sender.User);
                sent += sender.Sent(target);
                refused += sender.Refused(target);
                delivered += got;
                if (accepted != got)
                {
                    mismatches.Add($"{sender.User} -> {target}: {accepted} accepted, {got} delivered");
                }
            }
        }

        return new SoakLedger(sent, refused, delivered, peers.Sum(p => p.Reconnects), peers.Sum(p => p.Rejoins), mismatches);
    }
}
