using System.Text;

namespace ChatCoach.Core.Routines;

/// <summary>
/// A small seeded generator (SplitMix64) with a seed hashed by FNV-1a, so that the same text gives the same sequence
/// in every process and on every machine. <see cref="string.GetHashCode()"/> and <see cref="Random.Shared"/> can't
/// do that: the first is randomised per process, the second is not seeded.
/// </summary>
internal sealed class StableRandom(ulong seed)
{
    private ulong _state = seed;

    public static StableRandom FromText(string text) => new(Fnv1a(text));

    public static ulong Fnv1a(string text)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= prime;
        }

        return hash;
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, <paramref name="count"/>).</summary>
    public int Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)(NextUInt64() % (ulong)count);
    }
}
