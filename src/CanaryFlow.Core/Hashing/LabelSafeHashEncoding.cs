using System.Buffers.Binary;

namespace CanaryFlow.Core.Hashing;

/// <summary>
/// Turns a digest into a short string over the alphabet of apimachinery's <c>rand.SafeEncodeString</c>: lowercase
/// consonants and digits without vowels (so no words appear in object names) and without look-alikes (0, 1, 3).
/// Every such string is a valid label value and keeps <c>&lt;name&gt;-&lt;hash&gt;</c> a valid DNS name.
/// </summary>
internal static class LabelSafeHashEncoding
{
    private const string _alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// Reads the first eight bytes of <paramref name="digest"/> as a big-endian number and writes it in base 27,
    /// most significant digit first, keeping the low <paramref name="length"/> digits. Unlike SafeEncodeString's
    /// byte-by-byte <c>b % 27</c> this has no bias toward the first letters; ten digits hold 47.5 bits.
    /// </summary>
    public static string Encode(ReadOnlySpan<byte> digest, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digest.Length, sizeof(ulong), nameof(digest));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 13);

        var value = BinaryPrimitives.ReadUInt64BigEndian(digest);
        return string.Create(length, value, static (characters, remaining) =>
        {
            for (var i = characters.Length - 1; i >= 0; i--)
            {
                characters[i] = _alphabet[(int)(remaining % (ulong)_alphabet.Length)];
                remaining /= (ulong)_alphabet.Length;
            }
        });
    }
}
