namespace HomeCall.Daemon.Rooms;

/// <summary>A relay held for the absent /signal participant: who sent it, and the bytes to deliver.</summary>
internal sealed record QueuedMessage(string SenderUserId, ReadOnlyMemory<byte> Data);
