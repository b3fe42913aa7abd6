using System.Globalization;
using CanaryFlow.Core.Api;
using Spectre.Console;

namespace CanaryFlow.Cli.Rendering;

/// <summary>kubectl's table for Rollouts: upper-case headers, no borders, three spaces between columns.</summary>
internal static class RolloutTable
{
    public static Table Render(IReadOnlyList<Rollout> rollouts, bool withNamespace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        var table = new Table().Border(TableBorder.None).HideRowSeparators();
        string[] headers = [.. withNamespace ? ["NAMESPACE"] : Array.Empty<string>(), "NAME", "DESIRED", "CURRENT", "UP-TO-DATE", "AVAILABLE", "PHASE", "STEP", "SET WEIGHT", "WEIGHT", "AGE"];
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)).NoWrap().PadLeft(0).PadRight(3));
        }

        foreach (var rollout in rollouts)
        {
            var summary = RolloutSummary.Of(new Cluster.RolloutTree(rollout, [], [], [], ""));
            var status = rollout.Status;
            string[] cells =
            [
                .. withNamespace ? [rollout.Metadata.Namespace ?? ""] : Array.Empty<string>(),
                rollout.Metadata.Name ?? "",
                Number(rollout.Spec?.Replicas ?? 1),
                Number(status?.Replicas ?? 0),
                Number(status?.UpdatedReplicas ?? 0),
                Number(status?.AvailableReplicas ?? 0),
                summary.Phase,
                summary.Step,
                Number(summary.SetWeight),
                Number(summary.ActualWeight),
                Age.Of(rollout.Metadata.CreationTimestamp, now),
            ];
            table.AddRow([.. cells.Select(c => new Text(c))]);
        }

        return table;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
