using System.Collections;

namespace HomeCall.Daemon.Rooms;

/// <summary>
/// A room's members, read-only. A struct whose <c>foreach</c> uses the list's own struct
/// enumerator: the relay paths walk members on every message, and walking an
/// <see cref="IReadOnlyList{T}"/> would box an enumerator each time (40 bytes per relay).
/// </summary>
internal readonly struct MemberList(List<Member> members) : IReadOnlyList<Member>
{
    public int Count => members.Count;

    public Member this[int index] => members[index];

    public List<Member>.Enumerator GetEnumerator() => members.GetEnumerator();

    IEnumerator<Member> IEnumerable<Member>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
