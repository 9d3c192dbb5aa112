using HomeCall.Daemon.Config;
using HomeCall.Daemon.Tests.TestSupport;

namespace HomeCall.Daemon.Tests.Browser;

/// <summary>A browser fixture with a real coturn (use-auth-secret, <see cref="Secret"/>) started once for its tests.</summary>
public abstract class CoturnChromiumFixture : ChromiumFixture
{
    /// <summary>coturn's static-auth-secret.</summary>
    protected const string Secret = "browser-turn-secret";

    private Coturn? _turn;

    private protected Coturn Turn => _turn!;

    [OneTimeSetUp]
    public async Task StartCoturnAsync() => _turn = await Coturn.StartAsync(Secret);

    [OneTimeTearDown]
    public async Task StopCoturnAsync()
    {
        if (_turn is not null)
        {
            await _turn.DisposeAsync();
        }
    }

    /// <summary>Daemon settings that hand out this coturn with credentials made from <paramref name="secret"/>.</summary>
    private protected DaemonOptions WithTurn(string secret = Secret) => new() { TurnUrls = [Turn.UdpUrl], TurnSecret = secret };
}
