using System.Text.RegularExpressions;

namespace CanaryFlow.LocalCluster.Tests.Infrastructure;

/// <summary>
/// kubectl's human-readable table, cut into cells at the positions where the header's columns start (kubectl
/// aligns every cell under its header, and a cell may be blank, so splitting on whitespace would shift cells).
/// </summary>
public sealed partial class PrintedTable
{
    private PrintedTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>The row whose NAME cell is <paramref name="name"/>.</summary>
    public IReadOnlyDictionary<string, string> Row(string name) => Assert.Single(Rows, row => row["NAME"] == name);

    public static PrintedTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0, "kubectl printed no table");
        var header = lines[0];
        var starts = HeaderColumn().Matches(header).Select(m => (m.Index, m.Value)).ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < starts.Count; i++)
            {
                var start = Math.Min(starts[i].Index, line.Length);
                var end = i + 1 < starts.Count ? Math.Min(starts[i + 1].Index, line.Length) : line.Length;
                cells[starts[i].Value] = line[start..end].Trim();
            }

            rows.Add(cells);
        }

        return new PrintedTable([.. starts.Select(s => s.Value)], rows);
    }

    // A header is upper-case words; words joined by one space ("NOMINATED NODE") are one column.
    [GeneratedRegex(@"\S+(?: \S+)*")]
    private static partial Regex HeaderColumn();
}
