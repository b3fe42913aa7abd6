using System.Globalization;
using System.Text.RegularExpressions;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// Kubernetes' version priority (GA before beta before alpha, higher numbers first, non-Kubernetes-style names
/// last in alphabetical order), which decides the preferred version of a group.
/// </summary>
public sealed partial class KubeVersionComparer : IComparer<string>
{
    public static readonly KubeVersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Rank(x ?? "");
        var b = Rank(y ?? "");
        if (a.Kind != b.Kind)
        {
            return a.Kind.CompareTo(b.Kind);
        }

        if (a.Kind == 3)
        {
            return string.CompareOrdinal(x, y);
        }

        if (a.Major != b.Major)
        {
            return b.Major.CompareTo(a.Major);
        }

        return b.Minor.CompareTo(a.Minor);
    }

    private static (int Kind, int Major, int Minor) Rank(string version)
    {
        var match = VersionPattern().Match(version);
        if (!match.Success)
        {
            return (3, 0, 0);
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        var kind = match.Groups[2].Value switch
        {
            "" => 0,
            "beta" => 1,
            _ => 2,
        };
        return (kind, major, minor);
    }

    [GeneratedRegex("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$")]
    private static partial Regex VersionPattern();
}
