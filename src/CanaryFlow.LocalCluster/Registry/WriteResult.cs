using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// The outcome of a write: the object to return (stored form, without apiVersion/kind), the stored revision
/// when something was persisted, and whether it was created.
/// </summary>
public sealed record WriteResult(JsonObject Object, StoredObject? Stored, bool Created, IReadOnlyList<string> Warnings);

/// <summary>The outcome of a delete: either the object (still terminating, or the deleted object) or a Success Status.</summary>
public sealed record DeleteResult(JsonObject? Object, JsonObject? Status, IReadOnlyList<string> Warnings);
