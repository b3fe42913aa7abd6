using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The outcome of <see cref="SchemaPruner.Prune"/>: the value without undeclared fields, and the paths of the fields
/// that were dropped (<c>spec.foo</c>, <c>spec.containers[0].bogus</c>, <c>metadata.foo</c>), sorted as the real
/// server sorts them, for <c>fieldValidation=Warn</c> warnings and <c>Strict</c> errors.
/// </summary>
public sealed record PruneResult(JsonNode? Value, IReadOnlyList<string> UnknownFields);
