using System.Text.Json;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>
/// One soak client with a fixed identity (user p{index} in homecall room soak-{index/4}):
/// every send period it sends an offer with its next sequence number to a room-mate, or
/// leaves and rejoins, or reconnects (with or without `leave`), until the run's time has
/// passed and it made at least <see cref="SoakSettings.MinSteps"/> steps. Its ledger counts what
/// it sent and what was refused per target, what it received per sender, and checks that
/// sequence numbers from each sender only grow (exactly once, in order).
/// </summary>
internal sealed class SoakPeer(int index, int clients, SoakSettings settings)
{
    private readonly Dictionary<string, long> _sent = [];
    private readonly Dictionary<string, long> _refused = [];
    private readonly Dictionary<string, long> _delivered = [];
    private readonly Dictionary<string, long> _lastSeq = [];
    private readonly List<string> _problems = [];
    private long _seq;
    private int _steps;

    public string User => "p" + index;

    public long Reconnects { get; private set; }

    public long Rejoins { get; private set; }

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    private string Room => "soak-" + (index / SoakSettings.RoomSize);

    private string[] Mates => Enumerable.Range(index / SoakSettings.RoomSize * SoakSettings.RoomSize, SoakSettings.RoomSize)
        .Where(i => i != index && i < clients).Select(i => "p" + i).ToArray();

    public long Sent(string to) => _sent.GetValueOrDefault(to);

    public long Refused(string to) => _refused.GetValueOrDefault(to);

    public long Delivered(string from) => _delivered.GetValueOrDefault(from);

    public IEnumerable<string> Targets => Mates;

    public async Task RunAsync(Uri uri, DateTime until, SemaphoreSlim connectGate)
    {
        var random = new Random(index);
        // The send period paces this load generator; nothing waits on it for a result.
        using var period = new PeriodicTimer(settings.Interval + TimeSpan.FromMilliseconds(random.Next(50)));
        while (!Done(until))
        {
            await using var connection = await OpenAsync(uri, until, connectGate);
            await connection.SendAsync(new { type = "join", room = Room, user = User });
            var reconnect = false;
            while (!reconnect && !Done(until) && await period.WaitForNextTickAsync())
            {
                _steps++;
                reconnect = await ActAsync(connection, random);
            }

            await connection.EndAsync(random.Next(2) == 0 || !reconnect ? new { type = "leave", room = Room, user = User } : null);
        }
    }

    /// <summary>The run is over once its time has passed and this peer made its minimum of steps.</summary>
    private bool Done(DateTime until) => DateTime.UtcNow >= until && _steps >= settings.MinSteps;

    /// <summary>One step; true when the peer should reconnect.</summary>
    private async Task<bool> ActAsync(SoakConnection connection, Random random)
    {
        var roll = random.Next(100);
        if (roll < 4)
        {
            Reconnects++;
            return true;
        }

        if (roll < 8)
        {
            Rejoins++;
            await connection.SendAsync(new { type = "leave", room = Room, user = User });
            await connection.SendAsync(new { type = "join", room = Room, user = User });
            return false;
        }

        var mates = Mates;
        var to = mates[random.Next(mates.Length)];
        _sent[to] = Sent(to) + 1;
        await connection.SendAsync(new { type = "offer", to, sdp = "v=0", seq = ++_seq });
        return false;
    }

    private async Task<SoakConnection> OpenAsync(Uri uri, DateTime until, SemaphoreSlim connectGate)
    {
        await connectGate.WaitAsync();
        try
        {
            var left = until - DateTime.UtcNow;
            return await SoakConnection.OpenAsync(uri, OnMessage, Problem, (left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromSeconds(60));
        }
        finally
        {
            connectGate.Release();
        }
    }

    private void OnMessage(JsonElement message)
    {
        switch (message.GetProperty("type").GetString())
        {
            case "offer":
                var from = message.GetProperty("from").GetString()!;
                var seq = message.GetProperty("seq").GetInt64();
                if (seq <= _lastSeq.GetValueOrDefault(from))
                {
                    Problem($"offer {seq} from {from} after {_lastSeq[from]}: duplicated or out of order");
                }

                _lastSeq[from] = seq;
                _delivered[from] = Delivered(from) + 1;
                break;
            case "error" when message.GetProperty("code").GetString() == "user-not-found":
                var to = message.GetProperty("to").GetString()!;
                _refused[to] = Refused(to) + 1;
                break;
            case "error":
                Problem("unexpected error " + message);
                break;
        }
    }

    private void Problem(string text)
    {
        lock (_problems)
        {
            _problems.Add(User + ": " + text);
        }
    }
}
