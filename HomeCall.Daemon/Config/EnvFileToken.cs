namespace HomeCall.Daemon.Config;

/// <summary>
/// A key or value being read, and where the blanks that end it start, so they can be trimmed
/// (last_key_whitespace / last_value_whitespace in systemd's src/basic/env-file.c).
/// </summary>
internal sealed class EnvFileToken
{
    private const int NoBlanks = -1;

    private readonly List<byte> _bytes = [];
    private int _blanksFrom = NoBlanks;

    /// <summary>Adds a plain character: a blank may turn out to be trailing.</summary>
    public void Add(byte c)
    {
        var blank = c is (byte)' ' or (byte)'\t';
        _blanksFrom = !blank ? NoBlanks : _blanksFrom == NoBlanks ? _bytes.Count : _blanksFrom;
        _bytes.Add(c);
    }

    /// <summary>Adds a quoted or escaped character: it and the blanks before it are kept.</summary>
    public void AddLiteral(byte c)
    {
        KeepBlanks();
        _bytes.Add(c);
    }

    /// <summary>Keeps the blanks read so far (a backslash follows them).</summary>
    public void KeepBlanks() => _blanksFrom = NoBlanks;

    public byte[] Take(bool trimBlanks)
    {
        var length = trimBlanks && _blanksFrom != NoBlanks ? _blanksFrom : _bytes.Count;
        var bytes = _bytes.GetRange(0, length).ToArray();
        _bytes.Clear();
        _blanksFrom = NoBlanks;
        return bytes;
    }

    public void Clear()
    {
        _bytes.Clear();
        _blanksFrom = NoBlanks;
    }
}
