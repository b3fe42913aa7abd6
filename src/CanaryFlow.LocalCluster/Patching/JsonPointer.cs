using System.Globalization;
using System.Text;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>An RFC 6901 JSON Pointer, split into unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    /// <summary>The token that addresses the position after the last array element (RFC 6902 <c>add</c> only).</summary>
    public const string EndOfArray = "-";

    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public string LastToken => Tokens[^1];

    public JsonPointer Parent => new(Text[..Text.LastIndexOf('/')], Tokens.Take(Tokens.Count - 1).ToArray());

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new PatchApplicationException($"path \"{text}\" is not a JSON pointer: it must be empty or start with '/'");
        }

        var tokens = text[1..].Split('/').Select(token => Unescape(token, text)).ToArray();
        return new JsonPointer(text, tokens);
    }

    /// <summary>RFC 6901 array index: decimal digits without leading zeros; "-" and negative numbers are not indices.</summary>
    public static bool TryParseArrayIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Digits beyond int range can never be in range for an array, so treat them as "no such index".
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>True when <paramref name="other"/> lies strictly below this location (a move into its own child).</summary>
    public bool IsProperPrefixOf(JsonPointer other) =>
        other.Tokens.Count > Tokens.Count && Tokens.SequenceEqual(other.Tokens.Take(Tokens.Count), StringComparer.Ordinal);

    public bool SameLocationAs(JsonPointer other) => Tokens.SequenceEqual(other.Tokens, StringComparer.Ordinal);

    public override string ToString() => Text;

    private static string Unescape(string token, string text)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        var builder = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                builder.Append(token[i]);
                continue;
            }

            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            builder.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new PatchApplicationException($"path \"{text}\" has an invalid escape: '~' must be followed by '0' or '1'"),
            });
            i++;
        }

        return builder.ToString();
    }
}
