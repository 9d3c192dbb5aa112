namespace HomeCall.Daemon.Hosting;

/// <summary>The fingerprint key cannot be used; the message is one line naming the file and what to do.</summary>
internal sealed class FingerprintKeyException(string message) : Exception(message);
