using HomeCall.Daemon.Rooms;

namespace HomeCall.Daemon.Hosting;

/// <summary>The install's fingerprint key as loaded: where it lives, what it computes, and whether this start created it.</summary>
internal sealed record FingerprintKey(string Path, RoomFingerprinter Fingerprinter, bool Created);
