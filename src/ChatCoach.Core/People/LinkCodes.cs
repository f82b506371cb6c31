using System.Security.Cryptography;
using System.Text;

namespace ChatCoach.Core.People;

/// <summary>
/// One-time link codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), drawn from
/// the OS's cryptographic generator; 25^8 ≈ 1.5·10^11 codes. Stored only as a SHA-256 hash.
/// </summary>
public static class LinkCodes
{
    public const string Alphabet = "34679ACDEFGHJKMNPQRTUVWXY";
    public const int Length = 8;

    public static string Create() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as typed, upper-cased, with spaces and dashes dropped; null when it can't be a code.</summary>
    public static string? Normalize(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var builder = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '_')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal) || builder.Length == Length)
            {
                return null;
            }

            builder.Append(upper);
        }

        return builder.Length == Length ? builder.ToString() : null;
    }

    /// <summary>The stored form of a (normalized) code: lower-case hex SHA-256.</summary>
    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
    }
}
