namespace CanaryFlow.Core.Git;

/// <summary>
/// The trailers of a commit message (<c>Key: value</c> lines of the last paragraph, as git interprets them).
/// CanaryFlow finds its own revert commits by them, so a restarted controller never makes a second one.
/// </summary>
public sealed record CommitTrailers(IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    public static CommitTrailers Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var paragraphs = message.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split("\n\n");
        if (paragraphs.Length < 2)
        {
            // A lone subject line is never a trailer block, even if it looks like "Key: value".
            return new([]);
        }

        var lines = paragraphs[^1].Split('\n');
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
            {
                return new([]);
            }

            entries.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        return new(entries);
    }

    public IEnumerable<string> Values(string key) =>
        Entries.Where(entry => string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase)).Select(entry => entry.Value);

    public string? Value(string key) => Values(key).FirstOrDefault();

    private static bool IsToken(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
