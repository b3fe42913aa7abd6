using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>networking.k8s.io/v1 Ingresses: generation follows spec; every path needs a pathType and a backend.</summary>
public sealed class IngressStrategy : ResourceStrategy
{
    private static readonly string[] _pathTypes = ["Exact", "Prefix", "ImplementationSpecific"];

    public override bool TracksGeneration => true;

    public override bool HasStatusSubresource => true;

    public override bool ShouldBumpGeneration(JsonObject newObj, JsonObject oldObj) => SpecChanged(newObj, oldObj);

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        var spec = obj.GetObject("spec");
        var rules = spec?.GetArray("rules")?.OfType<JsonObject>().ToList() ?? [];
        if (spec?["defaultBackend"] is null && rules.Count == 0)
        {
            yield return FieldError.Invalid("spec.rules", new JsonArray(), "either `defaultBackend` or `rules` must be specified");
        }

        for (var r = 0; r < rules.Count; r++)
        {
            var paths = rules[r]["http"]?["paths"] as JsonArray;
            for (var p = 0; p < (paths?.Count ?? 0); p++)
            {
                var path = (JsonObject)paths![p]!;
                var field = $"spec.rules[{r}].http.paths[{p}]";
                var pathType = path.GetString("pathType");
                if (pathType is null)
                {
                    yield return FieldError.Required(field + ".pathType", "pathType must be specified");
                }
                else if (!_pathTypes.Contains(pathType))
                {
                    yield return FieldError.NotSupported(field + ".pathType", JsonValue.Create(pathType), _pathTypes);
                }

                var backend = path.GetObject("backend");
                if (backend?["service"] is null && backend?["resource"] is null)
                {
                    yield return FieldError.Invalid(field + ".backend", backend?.DeepClone(), "one backend must be specified");
                }
            }
        }
    }
}
