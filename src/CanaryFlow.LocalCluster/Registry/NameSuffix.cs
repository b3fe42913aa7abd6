using System.Security.Cryptography;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>The five random characters apimachinery appends to generateName (its alphabet avoids vowels and look-alikes).</summary>
public static class NameSuffix
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int MaxGeneratedBaseLength = 58;

    public static string Generate(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var basePart = prefix.Length > MaxGeneratedBaseLength ? prefix[..MaxGeneratedBaseLength] : prefix;
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return basePart + new string(suffix);
    }
}
