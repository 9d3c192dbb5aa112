namespace HomeCall.Daemon.Transport;

/// <summary>Creates the signaling side of each upgraded connection.</summary>
internal interface IConnectionHandler
{
    IConnectionObserver Open(IConnection connection);
}
