using System.Text;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    private readonly FieldOwnership _ownership = new();

    private JsonObject ApplyServerSide(ResourceDescriptor d, ObjectKey key, JsonObject current, JsonObject applied, WriteOptions options, bool statusSubresource)
    {
        var manager = options.FieldManager!;
        var uid = current.Uid() ?? "";
        var appliedPaths = ServerSideApply.Ownership(applied, manager)
            .Where(p => !statusSubresource || p.StartsWith(".status", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var managers = _ownership.Get(d.StorageResource, key, uid) ?? [];
        var conflicts = new List<(string Manager, string Path)>();
        foreach (var path in appliedPaths.Order(StringComparer.Ordinal))
        {
            foreach (var (other, owned) in managers)
            {
                if (other != manager && owned.Contains(path) &&
                    !JsonNode.DeepEquals(ServerSideApply.ValueAt(current, path), ServerSideApply.ValueAt(applied, path)))
                {
                    conflicts.Add((other, path));
                }
            }
        }

        if (conflicts.Count > 0 && !options.Force)
        {
            throw ApplyConflict(conflicts, other => _ownership.IsApplier(d.StorageResource, key, other)
                ? $"\"{other}\""
                : $"\"{other}\" using {d.ApiVersion}");
        }

        var previously = managers.GetValueOrDefault(manager) ?? [];
        var removed = previously
            .Where(p => !appliedPaths.Contains(p) && !managers.Any(m => m.Key != manager && m.Value.Contains(p)))
            .ToList();
        var result = ServerSideApply.Merge(current, applied, removed);
        _ownership.Record(d.StorageResource, key, uid, manager, appliedPaths, exclusive: true);
        return result;
    }

    private void RecordUpdateOwnership(ResourceDescriptor d, StoredObject old, JsonObject newObj, WriteOptions options)
    {
        var key = new ObjectKey(old.Namespace, old.Name);
        if (old.Uid is { } uid && _ownership.Get(d.StorageResource, key, uid) is not null)
        {
            _ownership.RecordUpdate(d.StorageResource, key, uid, options.Manager, ServerSideApply.ChangedLeaves(old.Object, newObj));
        }
    }

    /// <summary>The 409 of conflicting applies; <paramref name="describe"/> prints a manager as the real server does.</summary>
    private static StatusException ApplyConflict(List<(string Manager, string Path)> conflicts, Func<string, string> describe)
    {
        var message = new StringBuilder();
        if (conflicts.Count == 1)
        {
            message.Append($"Apply failed with 1 conflict: conflict with {describe(conflicts[0].Manager)}: {conflicts[0].Path}");
        }
        else
        {
            message.Append($"Apply failed with {conflicts.Count} conflicts: ");
            message.AppendJoin("\n", conflicts.GroupBy(c => c.Manager).Select(g =>
                $"conflicts with {describe(g.Key)}:\n" + string.Join("\n", g.Select(c => "- " + c.Path))));
        }

        var causes = conflicts
            .Select(c => new StatusCause("FieldManagerConflict", $"conflict with {describe(c.Manager)}", c.Path))
            .ToList();
        return new StatusException(409, "Conflict", message.ToString(), new StatusDetails(null, null, null, Causes: causes));
    }
}
