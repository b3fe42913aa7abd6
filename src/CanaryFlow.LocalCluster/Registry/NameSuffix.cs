using System.Security.Cryptography;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>The five random characters apimachinery appends to generateName (its alphabet avoids vowels and look-alikes).</summary>
public static class NameSuffix
{
    private const string _alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int _maxGeneratedBaseLength = 58;

    public static string Generate(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var basePart = prefix.Length > _maxGeneratedBaseLength ? prefix[.._maxGeneratedBaseLength] : prefix;
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = _alphabet[RandomNumberGenerator.GetInt32(_alphabet.Length)];
        }

        return basePart + new string(suffix);
    }
}
