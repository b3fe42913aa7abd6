using System.Text.RegularExpressions;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>
/// The permission tables of docs/install.md read back as rules: a row is API group | resources | verbs | code | why,
/// with <c>(core)</c> for the core group and <c>(`resourceNames: x`)</c> after the resources of a named rule.
/// </summary>
public static partial class InstallDocRules
{
    public static string Path { get; } = RepositoryRoot.File("docs", "install.md");

    /// <summary>The rows of the table that follows the heading starting with <paramref name="heading"/>.</summary>
    public static IReadOnlyList<ClusterRoleRule> Under(string heading)
    {
        var lines = File.ReadAllLines(Path);
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/install.md has no heading {heading}");
        var rows = lines.Skip(start + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Skip(2); // header and separator
        return [.. rows.Select(Parse)];
    }

    private static ClusterRoleRule Parse(string row)
    {
        var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        var group = cells[0] == "(core)" ? "" : Code(cells[0]).Single();
        var resourceTokens = Code(cells[1]);
        var names = resourceTokens.Where(t => t.StartsWith("resourceNames: ", StringComparison.Ordinal)).Select(t => t["resourceNames: ".Length..]);
        return ClusterRoleRule.Of(group, resourceTokens.Where(t => !t.StartsWith("resourceNames: ", StringComparison.Ordinal)), Code(cells[2]), names);
    }

    private static List<string> Code(string cell) => [.. CodeSpan().Matches(cell).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
